import { ConfigReader } from '@backstage/config';
import { inspect } from 'node:util';
import { clientsFor, runAction } from '../__testUtils__/harbor';
import {
  MigrationRig,
  REGISTRY_PASSWORD,
  RULES,
  startMigrationRig,
} from '../migration/__testUtils__/migration';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createMigrationInventoryAction } from './migrateInventory';

const ID = 'harbor:migration:inventory';

describe('harbor:migration:inventory against a real docker-registry', () => {
  let rig: MigrationRig;
  beforeAll(async () => {
    rig = await startMigrationRig();
  }, 60_000);
  afterAll(() => rig?.stop());

  it('counts repositories and tags and maps them to projects', async () => {
    const { outputs, error } = await rig.run(ID, { rules: RULES });
    expect(error).toBeUndefined();
    expect(outputs).toEqual({
      registry: rig.registry.url,
      missingProjects: [],
      repositoryCount: 4,
      tagCount: 9,
      mappedCount: 4,
      unmapped: [],
      projects: [
        { project: 'team-a', repositories: 2, tags: 6 },
        { project: 'team-b', repositories: 1, tags: 1 },
        { project: 'legacy', repositories: 1, tags: 2 },
      ],
      repositories: [
        { source: 'legacy-app', target: 'legacy/legacy-app', tags: 2 },
        { source: 'team-a/api', target: 'team-a/api', tags: 4 },
        { source: 'team-a/web', target: 'team-a/web', tags: 2 },
        { source: 'team-b/tools/cli', target: 'team-b/tools/cli', tags: 1 },
      ],
    });
  });

  it('reports the repositories no rule maps, with a warning', async () => {
    const { outputs, lines } = await rig.run(ID, {
      rules: [{ prefix: 'team-a/', project: 'team-a' }],
    });
    expect(outputs.unmapped).toEqual(['legacy-app', 'team-b/tools/cli']);
    expect(outputs.mappedCount).toBe(2);
    expect(
      lines.some(
        l =>
          l.level === 'warn' &&
          l.message ===
            'No rule maps 2 repositories: legacy-app, team-b/tools/cli',
      ),
    ).toBe(true);
  });

  it('never writes to Harbor, and names the target projects Harbor does not have', async () => {
    rig.sim.clearLog();
    const { outputs } = await rig.run(ID, {
      rules: [...RULES.slice(0, 2), { prefix: '', project: 'not-yet' }],
    });
    expect(rig.sim.writes()).toEqual([]);
    expect(outputs.missingProjects).toEqual(['not-yet']);
  });

  it('rejects credentials as inputs, naming the configuration instead', async () => {
    const { error } = await rig.run(ID, {
      rules: RULES,
      password: 'x',
    });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      'password: not an input of harbor:migration:inventory; Harbor credentials are never action inputs',
    );
  });

  it('says which config key to set when no old registry is configured', async () => {
    const action = createMigrationInventoryAction({
      clients: clientsFor(rig.config),
      authorizer: testAuthorizer(),
      config: new ConfigReader({ harbor: { baseUrl: 'http://x' } }),
    });
    const { error } = await runAction(action, { rules: RULES });
    expect(error?.message).toBe(
      'No old registry is configured: set harbor.migration.sourceRegistry.url (and .username, .password) in the app-config of the backend',
    );
  });

  it('fails on a wrong registry password without showing it', async () => {
    const wrong = `${REGISTRY_PASSWORD}-rotated`;
    const action = createMigrationInventoryAction({
      clients: clientsFor(rig.config),
      authorizer: testAuthorizer(),
      config: new ConfigReader({
        harbor: {
          migration: {
            sourceRegistry: {
              url: rig.registry.url,
              username: 'migrator',
              password: wrong,
            },
          },
        },
      }),
    });
    const { error, lines } = await runAction(action, { rules: RULES });
    expect(error?.name).toBe('AuthenticationError');
    expect(error?.message).toContain('refused the configured credentials');
    const text = `${inspect(error)} ${JSON.stringify(lines)}`;
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(REGISTRY_PASSWORD);
  });
});
