import { ConfigReader } from '@backstage/config';
import {
  readMigrationRules,
  readOptionalSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import {
  EMBEDDED_MIGRATION_RULES,
  EMBEDDED_OLD_REPOSITORIES,
  EmbeddedOldRegistry,
} from './embeddedOldRegistry';
import { freePort } from '@backstage-harbor/old-registry';

describe('EmbeddedOldRegistry', () => {
  it('leaves a configured old registry alone, adding and logging nothing', () => {
    const registry = new EmbeddedOldRegistry({ missing: () => [] });
    expect(
      registry.configLayer(
        new ConfigReader({
          harbor: {
            migration: { sourceRegistry: { url: 'https://old.example.com' } },
          },
        }),
      ),
    ).toBeUndefined();
    expect(registry.plan).toEqual({ kind: 'configured' });
    expect(registry.describe()).toBeUndefined();
  });

  it('says how to enable it, and adds nothing, when docker-registry is not installed', () => {
    const registry = new EmbeddedOldRegistry({
      missing: () => ['docker-registry', 'skopeo', 'umoci'],
    });
    expect(registry.configLayer(new ConfigReader({}))).toBeUndefined();
    expect(registry.describe()).toBe(
      'No old registry configured (harbor.migration.sourceRegistry) and docker-registry, skopeo, umoci not found: the migration page explains how to configure one; install the Debian packages docker-registry skopeo umoci to have the demo start one',
    );
  });

  it('keeps configured rules and a configured cache TTL', () => {
    const registry = new EmbeddedOldRegistry({ missing: () => [] });
    const data = registry.configLayer(
      new ConfigReader({
        harbor: {
          migration: { rules: [{ prefix: '', project: 'x' }] },
          cache: { migrationTtl: { minutes: 2 } },
        },
      }),
    ) as any;
    expect(data.harbor.migration.sourceRegistry.url).toBe(registry.url);
    expect(data.harbor.migration.rules).toBeUndefined();
    expect(data.harbor.cache).toBeUndefined();
    expect(registry.describe()).toBe(
      `No old registry configured (harbor.migration.sourceRegistry): the migration page reads an embedded docker-registry at ${registry.url} with 5 repositories, filled once the backend has started`,
    );
  });

  describe('without a configured old registry', () => {
    let registry: EmbeddedOldRegistry;
    let config: ConfigReader;
    beforeAll(async () => {
      registry = new EmbeddedOldRegistry({ port: await freePort() });
      config = new ConfigReader(registry.configLayer(new ConfigReader({})));
    });
    afterAll(() => registry.stop());

    it('names the registry, its demo rules and a short status TTL, and logs one line without the password', () => {
      expect(readOptionalSourceRegistry(config)?.url).toBe(registry.url);
      expect(readMigrationRules(config)).toEqual(
        EMBEDDED_MIGRATION_RULES.map(r => ({ ...r, keepPath: false })),
      );
      // Short, so that the migration page shows a demo migration's outcome soon after the template ran.
      expect(config.getConfig('harbor.cache').get('migrationTtl')).toEqual({
        seconds: 15,
      });
      const line = registry.describe()!;
      expect(line).toBe(
        `No old registry configured (harbor.migration.sourceRegistry): the migration page reads an embedded docker-registry at ${registry.url} with 5 repositories, filled once the backend has started, mapped by demo rules (harbor.migration.rules), status cached for 15 s (harbor.cache.migrationTtl)`,
      );
      const password = config.getString(
        'harbor.migration.sourceRegistry.password',
      );
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(line).not.toContain(password);
    });

    it('answers "still filling" until it is filled, rather than a partial inventory', async () => {
      await registry.listen();
      const source = readOptionalSourceRegistry(config)!;
      await expect(
        sourceRegistryClient(source).inventory({ digests: true }),
      ).rejects.toThrow(
        /answered 503 UNAVAILABLE \(the demo backend is still filling its embedded old registry: try again in a few seconds\)/,
      );
    });

    it('then serves the demo repositories, read with the configured credentials', async () => {
      await registry.fill();
      const inventory = await sourceRegistryClient(
        readOptionalSourceRegistry(config)!,
      ).inventory({ digests: true });
      expect(inventory.repositories.map(r => r.name).sort()).toEqual(
        [...new Set(EMBEDDED_OLD_REPOSITORIES.map(r => r.repository))].sort(),
      );
      expect(inventory.tagCount).toBe(
        EMBEDDED_OLD_REPOSITORIES.flatMap(r => r.tags).length,
      );
    }, 60_000);
  });
});
