/**
 * The old registry of the migration tests, shared by the actions and the backend: a REAL docker-registry with
 * basic auth (see ../../__testUtils__/dockerRegistry.ts) filled with the same small images, and the mapping
 * rules that take them to Harbor. Not exported from the package: the other packages import this file directly.
 */
import type {
  HarborSimulator,
  ManualClock,
} from '@backstage-harbor/harbor-simulator';
import {
  DockerRegistryFixture,
  startDockerRegistry,
} from '../../__testUtils__/dockerRegistry';

export const REGISTRY_USER = 'migrator';
export const REGISTRY_PASSWORD = 'Old-Registry-Secret-4711';

/** The old registry's content: nested names, several tags, two images in one repository. */
export const OLD_REGISTRY: Array<{
  repository: string;
  tags: string[];
  variant: string;
}> = [
  { repository: 'team-a/api', tags: ['1.0', '1.1'], variant: 'api-1' },
  { repository: 'team-a/api', tags: ['2.0', 'latest'], variant: 'api-2' },
  { repository: 'team-a/web', tags: ['v1', 'v2'], variant: 'web' },
  { repository: 'team-b/tools/cli', tags: ['0.9'], variant: 'cli' },
  { repository: 'legacy-app', tags: ['old', 'older'], variant: 'legacy' },
];

export const RULES = [
  { prefix: 'team-a/', project: 'team-a' },
  { prefix: 'team-b/', project: 'team-b' },
  { prefix: '', project: 'legacy' },
];

/** The Harbor projects {@link RULES} map to. */
export const TARGET_PROJECTS = ['team-a', 'team-b', 'legacy'];

/** A pull replication policy to arrange Harbor's side with. */
export interface ArrangedPolicy {
  name: string;
  /** The target project (`dest_namespace`). */
  project: string;
  replaceCount: number;
  filters: Array<{ type: string; value: string; decoration?: string }>;
}

const FIXTURE_ENDPOINT = 'old-registry-fixture';

/** A call to the simulator's Harbor API as its admin. */
async function harborCall(
  sim: HarborSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const { username, password } = sim.adminCredentials;
  const res = await fetch(`${sim.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
        'base64',
      )}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

const idOf = (res: Response) =>
  Number(res.headers.get('location')!.split('/').pop());

export interface OldRegistry {
  registry: DockerRegistryFixture;
  /** Repository → tag → digest in the old registry. */
  digests: Map<string, Map<string, string>>;
  /** `harbor.migration.sourceRegistry` for it. */
  sourceRegistryConfig: { url: string; username: string; password: string };
  /** Pushes an image into the old registry and records its digest. */
  push(repository: string, tags: string[], variant: string): Promise<void>;
  /**
   * Arranges Harbor's side by a real pull replication in the simulator (which copies tags and digests from
   * this registry): registers it as a registry endpoint once, creates the policy, runs an execution to its end
   * and moves the clock a minute on (past the rigs' execution durations). Throws unless the execution succeeds.
   */
  replicate(
    sim: HarborSimulator,
    clock: ManualClock,
    policy: ArrangedPolicy,
  ): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the old registry with basic auth and pushes {@link OLD_REGISTRY} into it. */
export async function startOldRegistry(): Promise<OldRegistry> {
  const registry = await startDockerRegistry({
    auth: {
      type: 'basic',
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
    },
  });
  const digests = new Map<string, Map<string, string>>();
  const old: OldRegistry = {
    registry,
    digests,
    sourceRegistryConfig: {
      url: registry.url,
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
    },
    async push(repository, tags, variant) {
      const digest = await registry.push(repository, tags, { variant });
      const byTag = digests.get(repository) ?? new Map<string, string>();
      for (const tag of tags) byTag.set(tag, digest);
      digests.set(repository, byTag);
    },
    async replicate(sim, clock, policy) {
      const endpoints = (await (
        await harborCall(sim, 'GET', `/registries?name=${FIXTURE_ENDPOINT}`)
      ).json()) as Array<{ id: number }>;
      const registryId =
        endpoints[0]?.id ??
        idOf(
          await harborCall(sim, 'POST', '/registries', {
            name: FIXTURE_ENDPOINT,
            type: 'docker-registry',
            url: registry.url,
            credential: {
              type: 'basic',
              access_key: REGISTRY_USER,
              access_secret: REGISTRY_PASSWORD,
            },
          }),
        );
      const policyId = idOf(
        await harborCall(sim, 'POST', '/replication/policies', {
          name: policy.name,
          src_registry: { id: registryId },
          dest_namespace: policy.project,
          dest_namespace_replace_count: policy.replaceCount,
          filters: policy.filters,
          trigger: { type: 'manual' },
          override: true,
          enabled: true,
        }),
      );
      const executionId = idOf(
        await harborCall(sim, 'POST', '/replication/executions', {
          policy_id: policyId,
        }),
      );
      await sim.replicationsSettled();
      clock.advance(60_000);
      const execution = await (
        await harborCall(sim, 'GET', `/replication/executions/${executionId}`)
      ).json();
      if (execution.status !== 'Succeed')
        throw new Error(
          `replication ${policy.name}: ${execution.status} ${execution.status_text}`,
        );
    },
    stop: () => registry.stop(),
  };
  try {
    for (const image of OLD_REGISTRY) {
      await old.push(image.repository, image.tags, image.variant);
    }
  } catch (error) {
    await registry.stop();
    throw error;
  }
  return old;
}
