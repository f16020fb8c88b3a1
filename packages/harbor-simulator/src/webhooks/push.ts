import type { NewArtifact } from '../builders';
import { CVE_CATALOG } from '../cves';
import { badRequest, HarborError } from '../errors';
import type { ArtifactRecord, HarborState } from '../state';
import type { HarborWebhooks } from './events';

/**
 * A push with its events: PUSH_ARTIFACT (and QUOTA_WARNING at 85 % of the quota) once stored, QUOTA_EXCEED
 * when the quota refuses it (Harbor's quota middleware, src/server/middleware/quota/quota.go).
 */
export function pushWithEvents(
  state: HarborState,
  webhooks: HarborWebhooks,
  input: NewArtifact,
  push: () => ArtifactRecord,
): ArtifactRecord {
  const operator = input.operator ?? 'admin';
  let artifact: ArtifactRecord;
  try {
    artifact = push();
  } catch (e) {
    const project = state.projectByName(input.project);
    if (e instanceof HarborError && e.code === 'DENIED' && project) {
      webhooks.quotaExceeded(
        project,
        {
          repository: input.repository,
          tag: input.tags?.[0],
          digest: input.digest,
        },
        operator,
        e.message,
      );
    }
    throw e;
  }
  webhooks.artifactPushed(artifact, operator);
  return artifact;
}

/**
 * Lets a `POST /_simulator/push` body name vulnerabilities by CVE id from the catalogue (`src/cves.ts`),
 * e.g. `"vulnerabilities": ["CVE-2024-3094"]`, besides full records; an unknown id is a 400.
 */
export function withCatalogueCves(body: any): any {
  if (!Array.isArray(body?.vulnerabilities)) return body;
  const byId = new Map(Object.values(CVE_CATALOG).map(v => [v.id, v]));
  return {
    ...body,
    vulnerabilities: body.vulnerabilities.map((v: unknown) => {
      if (typeof v !== 'string') return v;
      const known = byId.get(v);
      if (!known)
        throw badRequest(`unknown CVE ${v}: not in the simulator's catalogue`);
      return known;
    }),
  };
}
