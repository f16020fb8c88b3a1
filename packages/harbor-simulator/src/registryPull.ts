import { recordAuditLog } from './auditLog';
import { isoTime } from './clock';
import {
  HarborContext,
  HarborPrincipal,
  SimulatorCore,
  principalName,
} from './context';
import { badRequest, notFound } from './errors';
import { pullRefusal } from './pullPolicy';
import { requireProjectAccess } from './rbac';
import { ArtifactRecord } from './state';
import { isDigest } from './routes/common';

/** The body of `POST /_simulator/pull`. @public */
export interface SimulatedPull {
  project: string;
  /** Without the project, e.g. `team/app`. */
  repository: string;
  /** A tag or a `sha256:` digest. */
  reference: string;
}

/**
 * A stand-in for `docker pull`, outside the Harbor API like `/_simulator/push`: what Harbor's registry does
 * for `GET /v2/<project>/<repository>/manifests/<reference>`. It needs `repository:pull`, runs the
 * deployment-security checks (412 PROJECTPOLICYVIOLATION, see pullPolicy.ts), and on success updates the
 * pull time and count and records a `pull` audit-log entry.
 */
export function simulatePull(
  core: SimulatorCore,
  principal: HarborPrincipal,
  body: Partial<SimulatedPull>,
): { digest: string } {
  const { state, clock } = core;
  if (!body.project || !body.repository || !body.reference) {
    throw badRequest('project, repository and reference are required');
  }
  const project = state.projectByName(body.project);
  if (!project) throw notFound(`project ${body.project} not found`);
  requireProjectAccess(
    { core, principal } as HarborContext,
    project,
    'repository',
    'pull',
  );
  const repository = state.repositoryByName(
    `${project.name}/${body.repository}`,
  );
  const reference = body.reference;
  const artifact: ArtifactRecord | undefined = repository
    ? state
        .artifactsOfRepository(repository.id)
        .find(a =>
          isDigest(reference)
            ? a.digest === reference
            : a.tags.some(t => t.name === reference),
        )
    : undefined;
  if (!repository || !artifact) {
    throw notFound(
      `artifact ${project.name}/${body.repository}${
        isDigest(reference) ? '@' : ':'
      }${reference} not found`,
    );
  }
  const refusal = pullRefusal(core, project, artifact);
  if (refusal) throw refusal;
  const now = clock.now();
  artifact.pull_time = isoTime(now);
  const tag = artifact.tags.find(t => t.name === reference);
  if (tag) tag.pull_time = artifact.pull_time;
  repository.pull_count += 1;
  recordAuditLog(state, {
    projectId: project.project_id,
    username: principalName(principal),
    resource: `${repository.name}${
      isDigest(reference) ? '@' : ':'
    }${reference}`,
    resourceType: 'artifact',
    operation: 'pull',
    time: now,
  });
  return { digest: artifact.digest };
}
