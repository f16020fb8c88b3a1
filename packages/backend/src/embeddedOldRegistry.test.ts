import { ConfigReader } from '@backstage/config';
import {
  readMigrationRules,
  readOptionalSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import {
  EMBEDDED_MIGRATION_RULES,
  EMBEDDED_OLD_REPOSITORIES,
  withEmbeddedOldRegistry,
} from './embeddedOldRegistry';

describe('withEmbeddedOldRegistry', () => {
  it('leaves a configured old registry alone, starting nothing', async () => {
    const log = jest.fn();
    const result = await withEmbeddedOldRegistry(
      new ConfigReader({
        harbor: {
          migration: { sourceRegistry: { url: 'https://old.example.com' } },
        },
      }),
      { port: 0, log },
    );
    expect(result).toEqual({});
    expect(log).not.toHaveBeenCalled();
  });

  it('says how to enable it, and starts nothing, when docker-registry is not installed', async () => {
    const log = jest.fn();
    expect(
      await withEmbeddedOldRegistry(new ConfigReader({}), {
        port: 0,
        log,
        missing: () => ['docker-registry', 'skopeo', 'umoci'],
      }),
    ).toEqual({});
    expect(log.mock.calls).toEqual([
      [
        'No old registry configured (harbor.migration.sourceRegistry) and docker-registry, skopeo, umoci not found: the migration page explains how to configure one; install the Debian packages docker-registry skopeo umoci to have the demo start one',
      ],
    ]);
  });

  describe('without a configured old registry', () => {
    let result: Awaited<ReturnType<typeof withEmbeddedOldRegistry>>;
    const lines: string[] = [];
    beforeAll(async () => {
      result = await withEmbeddedOldRegistry(new ConfigReader({}), {
        port: 0,
        log: line => lines.push(line),
      });
    }, 60_000);
    afterAll(() => result?.registry?.stop());

    it('starts a real registry with the demo repositories, read with the configured credentials', async () => {
      const config = new ConfigReader(result.data as any);
      const source = readOptionalSourceRegistry(config)!;
      expect(source.url).toBe(result.registry!.url);
      const inventory = await sourceRegistryClient(source).inventory({
        digests: true,
      });
      expect(inventory.repositories.map(r => r.name).sort()).toEqual(
        [...new Set(EMBEDDED_OLD_REPOSITORIES.map(r => r.repository))].sort(),
      );
      expect(inventory.tagCount).toBe(
        EMBEDDED_OLD_REPOSITORIES.flatMap(r => r.tags).length,
      );
    });

    it('maps them by the demo rules, and logs one line without the password', async () => {
      const config = new ConfigReader(result.data as any);
      expect(readMigrationRules(config)).toEqual(
        EMBEDDED_MIGRATION_RULES.map(r => ({ ...r, keepPath: false })),
      );
      expect(lines).toEqual([
        `No old registry configured (harbor.migration.sourceRegistry): the migration page reads an embedded docker-registry at ${
          result.registry!.url
        } with 5 repositories, mapped by demo rules (harbor.migration.rules), status cached for 15 s (harbor.cache.migrationTtl)`,
      ]);
      // Short, so that the migration page shows a demo migration's outcome soon after the template ran.
      expect(config.getConfig('harbor.cache').get('migrationTtl')).toEqual({
        seconds: 15,
      });
      const password = config.getString(
        'harbor.migration.sourceRegistry.password',
      );
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(lines.join('\n')).not.toContain(password);
    });
  });

  it('keeps configured rules and a configured cache TTL', async () => {
    const result = await withEmbeddedOldRegistry(
      new ConfigReader({
        harbor: {
          migration: { rules: [{ prefix: '', project: 'x' }] },
          cache: { migrationTtl: { minutes: 2 } },
        },
      }),
      { port: 0, log: () => {} },
    );
    try {
      expect((result.data as any).harbor.migration.rules).toBeUndefined();
      expect((result.data as any).harbor.cache).toBeUndefined();
    } finally {
      await result.registry?.stop();
    }
  }, 60_000);
});
