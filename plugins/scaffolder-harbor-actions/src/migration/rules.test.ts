import { ConfigReader } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { clientsFor, runAction } from '../__testUtils__/harbor';
import {
  MigrationRig,
  RULES,
  startMigrationRig,
} from './__testUtils__/migration';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createMigrationInventoryAction } from '../actions/migrateInventory';
import { createMigrationReplicateAction } from '../actions/migrateReplicate';
import { createMigrationVerifyAction } from '../actions/migrateVerify';

const INVENTORY = 'harbor:migration:inventory';
const REPLICATE = 'harbor:migration:replicate';
const VERIFY = 'harbor:migration:verify';

describe('the migration actions fall back to harbor.migration.rules and registryName', () => {
  let rig: MigrationRig;
  /** The rig's actions over its config with `migration` merged into `harbor.migration`. */
  const actionsWith = (migration: JsonObject) => {
    const harbor = rig.config.harbor as JsonObject;
    const config: JsonObject = {
      harbor: {
        ...harbor,
        migration: { ...(harbor.migration as JsonObject), ...migration },
      },
    };
    const clients = clientsFor(config);
    const reader = new ConfigReader(config);
    const actions: Record<string, TemplateAction<any, any, any>> = {};
    const authorizer = testAuthorizer();
    for (const action of [
      createMigrationInventoryAction({ clients, config: reader, authorizer }),
      createMigrationReplicateAction({ clients, config: reader, authorizer }),
      createMigrationVerifyAction({ clients, config: reader, authorizer }),
    ]) {
      actions[action.id] = action;
    }
    return actions;
  };

  beforeAll(async () => {
    rig = await startMigrationRig();
  }, 60_000);
  afterAll(() => rig?.stop());
  beforeEach(() => rig.sim.clearLog());

  it.each([INVENTORY, VERIFY, REPLICATE])(
    '%s maps by harbor.migration.rules when the input has no rules',
    async id => {
      const actions = actionsWith({ rules: RULES });
      const { outputs, error } = await runAction(
        actions[id],
        {},
        {
          dryRun: id === REPLICATE,
        },
      );
      expect(error).toBeUndefined();
      expect(outputs.mappedCount).toBe(4);
      expect(outputs.projects).toEqual([
        { project: 'team-a', repositories: 2, tags: 6 },
        { project: 'team-b', repositories: 1, tags: 1 },
        { project: 'legacy', repositories: 1, tags: 2 },
      ]);
    },
  );

  it('takes an empty rules list, as a form sends it, for no rules', async () => {
    const actions = actionsWith({ rules: RULES });
    const { outputs, error } = await runAction(actions[INVENTORY], {
      rules: [],
    });
    expect(error).toBeUndefined();
    expect(outputs.mappedCount).toBe(4);
    const { error: none } = await rig.run(INVENTORY, { rules: [] });
    expect(none?.name).toBe('InputError');
  });

  it('prefers the rules input over the configured rules', async () => {
    const actions = actionsWith({ rules: RULES });
    const { outputs, error } = await runAction(actions[INVENTORY], {
      rules: [{ prefix: 'team-a/', project: 'team-a' }],
    });
    expect(error).toBeUndefined();
    expect(outputs.mappedCount).toBe(2);
    expect(outputs.unmapped).toEqual(['legacy-app', 'team-b/tools/cli']);
  });

  it.each([INVENTORY, VERIFY, REPLICATE])(
    '%s refuses to run without rules in its input or the configuration, before reading or writing anything',
    async id => {
      const { error, outputs } = await rig.run(id, {});
      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        `Invalid input to ${id}: rules: give the mapping rules as the rules input, or configure them for every migration in harbor.migration.rules`,
      );
      expect(outputs).toEqual({});
      expect(rig.sim.log.entries).toEqual([]);
    },
  );

  it('names the configuration key of a bad configured rule', async () => {
    const actions = actionsWith({
      rules: [{ prefix: 'team-a', project: 'team-a' }],
    });
    const { error } = await runAction(actions[VERIFY], {});
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      "harbor.migration.rules: Invalid mapping rules: rules[0].prefix: must be empty (every repository) or whole repository path components each followed by '/'",
    );
  });

  it('names the registry endpoint and policies by harbor.migration.registryName when the input has none', async () => {
    const actions = actionsWith({
      rules: RULES,
      registryName: 'registry-old-dc1',
    });
    const { outputs, error } = await runAction(
      actions[REPLICATE],
      {},
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(rig.sim.writes()).toEqual([]);
    expect(
      (outputs.plan as any[])
        .filter(c => c.action === 'create')
        .map(c => c.resource)
        .slice(0, 2),
    ).toEqual([
      'registry endpoint registry-old-dc1',
      'replication policy migrate-registry-old-dc1-to-team-a',
    ]);
  });

  it('prefers the registryName input over the configured one', async () => {
    const actions = actionsWith({ rules: RULES, registryName: 'configured' });
    const { outputs } = await runAction(
      actions[REPLICATE],
      { registryName: 'from-input' },
      { dryRun: true },
    );
    expect((outputs.plan as any[])[0].resource).toBe(
      'registry endpoint from-input',
    );
  });
});
