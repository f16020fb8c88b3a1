import type { NewArtifact } from './builders';
import {
  HarborContext,
  HarborPrincipal,
  principalName,
  SimulatorCore,
} from './context';
import { notFound } from './errors';
import { requireProjectAccess } from './rbac';
import type { ArtifactRecord } from './state';

/**
 * `POST /_simulator/push` `{project, repository, tags, size, ...}`: a stand-in for `docker push`, needing
 * `repository:push` in the project and honouring its quota.
 */
export function simulatePush(
  core: SimulatorCore,
  push: (input: NewArtifact) => ArtifactRecord,
  principal: HarborPrincipal,
  body: any,
): { digest: string; id: number } {
  const project = core.state.projectByName(String(body.project));
  if (!project) throw notFound(`project ${body.project} not found`);
  const ctx = { core, principal } as HarborContext;
  requireProjectAccess(ctx, project, 'repository', 'push');
  const { digest, id } = push({
    ...body,
    project: project.name,
    operator: principalName(principal),
  });
  return { digest, id };
}
