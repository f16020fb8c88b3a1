// The old-registry fixture lives beside the registry client in plugin-harbor-node, which does not export its test
// utilities; one deep import keeps a single copy of it.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  DockerRegistryFixture,
  startDockerRegistry,
} from '@backstage-harbor/plugin-harbor-node/src/__testUtils__/dockerRegistry';
import {
  HarborSimulator,
  ManualClock,
  createProjectRecord,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { ConfigReader } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  clientsFor,
  harborConfig,
  runAction,
} from '../../__testUtils__/harbor';
import { createMigrationInventoryAction } from '../../actions/migrateInventory';
import { createMigrationReplicateAction } from '../../actions/migrateReplicate';
import { createMigrationVerifyAction } from '../../actions/migrateVerify';

export const REGISTRY_USER = 'migrator';
export const REGISTRY_PASSWORD = 'Old-Registry-Secret-4711';

/** The old registry's content in the tests: nested names, several tags, two images in one repository. */
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

/**
 * A real old registry (docker-registry with basic auth) and the Harbor simulator on a manual clock, with the
 * migration actions wired from config. `sleep` moves the simulator's clock, so executions progress without
 * waiting; `freezeHarbor` stops that to test timeouts. The simulator does not copy images: `copy()` pushes what
 * a replication would have copied.
 */
export interface MigrationRig {
  registry: DockerRegistryFixture;
  sim: HarborSimulator;
  clock: ManualClock;
  config: JsonObject;
  /** Repository → tag → digest in the old registry. */
  digests: Map<string, Map<string, string>>;
  actions: Record<string, TemplateAction<any, any, any>>;
  /** Called on every poll of the replicate action, before the clock moves. */
  onPoll?: () => void;
  freezeHarbor: boolean;
  run(
    id: string,
    input: JsonObject,
    options?: { dryRun?: boolean },
  ): ReturnType<typeof runAction>;
  /** Pushes an image into the old registry and records its digest. */
  pushOld(repository: string, tags: string[], variant: string): Promise<void>;
  /** Emulates a replication of one repository: its tags and digests, as Harbor would store them. */
  copy(source: string, project: string, path: string, tags?: string[]): void;
  stop(): Promise<void>;
}

export async function startMigrationRig(
  options: { executionDurationMs?: number; sourceRegistry?: JsonObject } = {},
): Promise<MigrationRig> {
  const registry = await startDockerRegistry({
    auth: {
      type: 'basic',
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
    },
  });
  const clock = new ManualClock();
  const sim = await startHarborSimulator({
    port: 0,
    seed: 'empty',
    validation: 'throw',
    clock,
    executionDurationMs: options.executionDurationMs ?? 20_000,
  });
  for (const name of ['team-a', 'team-b', 'legacy'])
    createProjectRecord(sim.state, clock, { name });
  const config = harborConfig(sim, {
    migration: {
      sourceRegistry: {
        url: registry.url,
        username: REGISTRY_USER,
        password: REGISTRY_PASSWORD,
        ...options.sourceRegistry,
      },
    },
  });
  const clients = clientsFor(config);
  const reader = new ConfigReader(config);
  let actionTime = clock.now();
  const digests = new Map<string, Map<string, string>>();
  const rig: MigrationRig = {
    registry,
    sim,
    clock,
    config,
    digests,
    freezeHarbor: false,
    actions: {},
    run: (id, input, runOptions) =>
      runAction(rig.actions[id], input, runOptions),
    async pushOld(repository, tags, variant) {
      const digest = await registry.push(repository, tags, { variant });
      const byTag = digests.get(repository) ?? new Map<string, string>();
      for (const tag of tags) byTag.set(tag, digest);
      digests.set(repository, byTag);
    },
    copy(source, project, path, tags) {
      const byTag = digests.get(source)!;
      const byDigest = new Map<string, string[]>();
      for (const [tag, digest] of byTag) {
        if (tags && !tags.includes(tag)) continue;
        byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
      }
      for (const [digest, digestTags] of byDigest) {
        sim.push({ project, repository: path, tags: digestTags, digest });
      }
    },
    async stop() {
      await sim.stop();
      await registry.stop();
    },
  };
  const timing = {
    pollIntervalMs: 5_000,
    now: () => actionTime,
    sleep: async (ms: number) => {
      rig.onPoll?.();
      actionTime += ms;
      if (!rig.freezeHarbor) clock.advance(ms);
    },
  };
  for (const action of [
    createMigrationInventoryAction({ clients, config: reader }),
    createMigrationReplicateAction({ clients, config: reader, ...timing }),
    createMigrationVerifyAction({ clients, config: reader }),
  ]) {
    rig.actions[action.id] = action;
  }
  for (const image of OLD_REGISTRY) {
    await rig.pushOld(image.repository, image.tags, image.variant);
  }
  return rig;
}
