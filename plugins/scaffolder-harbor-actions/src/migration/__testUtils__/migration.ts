// The old-registry fixture lives beside the migration code in plugin-harbor-node, whose package exports leave its
// test utilities out; a relative import keeps a single copy of it for the actions and the backend.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  ArrangedPolicy,
  OLD_REGISTRY,
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  RULES,
  TARGET_PROJECTS,
  startOldRegistry,
} from '../../../../harbor-node/src/migration/__testUtils__/oldRegistry';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import type { DockerRegistryFixture } from '../../../../harbor-node/src/__testUtils__/dockerRegistry';
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
import { testAuthorizer } from '../../__testUtils__/permissions';
import { createMigrationInventoryAction } from '../../actions/migrateInventory';
import { createMigrationReplicateAction } from '../../actions/migrateReplicate';
import { createMigrationVerifyAction } from '../../actions/migrateVerify';

export { OLD_REGISTRY, REGISTRY_PASSWORD, REGISTRY_USER, RULES };

/**
 * A real old registry (docker-registry with basic auth) and the Harbor simulator on a manual clock, with the
 * migration actions wired from config. `sleep` moves the simulator's clock, so executions progress without
 * waiting; `freezeHarbor` stops that to test timeouts, `onPoll` acts while the action tracks. The simulator's replications really read the old registry
 * and store its tags and digests, so Harbor's side is what the executions copied.
 */
export interface MigrationRig {
  registry: DockerRegistryFixture;
  sim: HarborSimulator;
  clock: ManualClock;
  config: JsonObject;
  /** Repository → tag → digest in the old registry. */
  digests: Map<string, Map<string, string>>;
  actions: Record<string, TemplateAction<any, any, any>>;
  freezeHarbor: boolean;
  /**
   * Called at each poll of the replicate action (its sleep), before the simulator's clock moves: a test holding
   * the simulator's copies (`sim.app.replicationJobs.hold()`) releases them here while the action is tracking.
   */
  onPoll?: () => Promise<void> | void;
  run(
    id: string,
    input: JsonObject,
    options?: { dryRun?: boolean },
  ): ReturnType<typeof runAction>;
  /** Pushes an image into the old registry and records its digest. */
  pushOld(repository: string, tags: string[], variant: string): Promise<void>;
  /** Arranges Harbor's side with a real pull replication (see OldRegistry.replicate). */
  replicate(policy: ArrangedPolicy): Promise<void>;
  stop(): Promise<void>;
}

export async function startMigrationRig(
  options: { executionDurationMs?: number; sourceRegistry?: JsonObject } = {},
): Promise<MigrationRig> {
  const old = await startOldRegistry();
  const { registry, digests } = old;
  const clock = new ManualClock();
  const sim = await startHarborSimulator({
    port: 0,
    seed: 'empty',
    validation: 'throw',
    clock,
    executionDurationMs: options.executionDurationMs ?? 20_000,
  });
  for (const name of TARGET_PROJECTS)
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
    pushOld: (repository, tags, variant) => old.push(repository, tags, variant),
    replicate: policy => old.replicate(sim, clock, policy),
    async stop() {
      await sim.stop();
      await registry.stop();
    },
  };
  const timing = {
    pollIntervalMs: 5_000,
    now: () => actionTime,
    sleep: async (ms: number) => {
      await rig.onPoll?.();
      actionTime += ms;
      if (!rig.freezeHarbor) clock.advance(ms);
    },
  };
  const authorizer = testAuthorizer();
  for (const action of [
    createMigrationInventoryAction({ clients, config: reader, authorizer }),
    createMigrationReplicateAction({
      clients,
      config: reader,
      authorizer,
      ...timing,
    }),
    createMigrationVerifyAction({ clients, config: reader, authorizer }),
  ]) {
    rig.actions[action.id] = action;
  }
  return rig;
}
