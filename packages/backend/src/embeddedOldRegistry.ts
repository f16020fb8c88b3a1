import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import {
  DockerRegistryFixture,
  missingTools,
  startDockerRegistry,
} from '@backstage-harbor/old-registry';
import { randomBytes } from 'node:crypto';

/** The demo's old registry: where Backstage reaches it. */
export const EMBEDDED_OLD_REGISTRY_PORT = 7011;

/**
 * What the demo's old registry holds, named like the demo Harbor's projects: old releases Harbor never got, among
 * them older builds of the orders team's nightly report that a demo pod still pulls from the old host. No tag is
 * one the demo Harbor already has: the replication policies override tags on another digest, and a demo migration
 * must not replace the seeded images that the component pages' vulnerability views show (nightly-report:2023.12
 * with Log4Shell).
 */
export const EMBEDDED_OLD_REPOSITORIES: ReadonlyArray<{
  repository: string;
  tags: string[];
  variant: string;
}> = [
  {
    repository: 'team-a/batch/nightly-report',
    tags: ['2023.10'],
    variant: 'report-10',
  },
  {
    repository: 'team-a/batch/nightly-report',
    tags: ['2023.11'],
    variant: 'report-11',
  },
  { repository: 'team-a/web', tags: ['v0.9.0'], variant: 'web-09' },
  { repository: 'team-b/payments', tags: ['0.9.0'], variant: 'payments' },
  { repository: 'platform/team/app', tags: ['2.2.0'], variant: 'app-22' },
  { repository: 'tools/backup', tags: ['1.0', 'latest'], variant: 'backup' },
];

/** Where the demo's rules send them: one project per team, the rest to `legacy`. */
export const EMBEDDED_MIGRATION_RULES = [
  { prefix: 'team-a/', project: 'team-a' },
  { prefix: 'team-b/', project: 'team-b' },
  { prefix: 'platform/', project: 'platform' },
  { prefix: '', project: 'legacy' },
];

const SOURCE_KEY = 'harbor.migration.sourceRegistry';
const TTL_KEY = 'harbor.cache.migrationTtl';
/**
 * The demo's migration status cache: short, so that the page shows the demo migration's outcome a few seconds
 * after the template has run instead of after the default 5 minutes (one refresh reads the few demo tags only).
 */
export const EMBEDDED_MIGRATION_TTL = { seconds: 15 };
const ENABLE_HINT =
  'install the Debian packages docker-registry skopeo umoci to have the demo start one';

/**
 * The config with an embedded old registry when `harbor.migration.sourceRegistry` is not configured and Debian's
 * docker-registry, skopeo and umoci are installed: a real registry on 127.0.0.1 with a password made at start
 * (never logged), filled with {@link EMBEDDED_OLD_REPOSITORIES}, and `harbor.migration.rules` for it and a short
 * `harbor.cache.migrationTtl` ({@link EMBEDDED_MIGRATION_TTL}) unless configured. Every reader of the config (the migration page, the migration actions, the cluster views' old
 * registry hosts) then sees it as if it were configured. `log` gets one line either way.
 */
export async function withEmbeddedOldRegistry(
  config: Config,
  options: {
    port?: number;
    log: (message: string) => void;
    /** The commands not installed; for tests. */
    missing?: () => string[];
  },
): Promise<{ data?: object; registry?: DockerRegistryFixture }> {
  if (config.has(SOURCE_KEY)) return {};
  const missing = (
    options.missing ??
    (() => missingTools('docker-registry', 'skopeo', 'umoci'))
  )();
  if (missing.length) {
    options.log(
      `No old registry configured (${SOURCE_KEY}) and ${missing.join(
        ', ',
      )} not found: the migration page explains how to configure one; ${ENABLE_HINT}`,
    );
    return {};
  }
  const username = 'demo-migrator';
  const password = randomBytes(18).toString('base64url');
  const registry = await startDockerRegistry({
    auth: { type: 'basic', username, password },
    port: options.port ?? EMBEDDED_OLD_REGISTRY_PORT,
  });
  try {
    for (const image of EMBEDDED_OLD_REPOSITORIES) {
      await registry.push(image.repository, image.tags, {
        variant: image.variant,
      });
    }
  } catch (error) {
    await registry.stop();
    throw error;
  }
  options.log(
    `No old registry configured (${SOURCE_KEY}): the migration page reads an embedded docker-registry at ${
      registry.url
    } with ${
      new Set(EMBEDDED_OLD_REPOSITORIES.map(r => r.repository)).size
    } repositories${
      config.has('harbor.migration.rules')
        ? ''
        : ', mapped by demo rules (harbor.migration.rules)'
    }${
      config.has(TTL_KEY)
        ? ''
        : `, status cached for ${EMBEDDED_MIGRATION_TTL.seconds} s (${TTL_KEY})`
    }`,
  );
  const migration: Record<string, unknown> = {
    sourceRegistry: { url: registry.url, username, password },
  };
  if (!config.has('harbor.migration.rules'))
    migration.rules = EMBEDDED_MIGRATION_RULES;
  const harbor: Record<string, unknown> = { migration };
  if (!config.has(TTL_KEY))
    harbor.cache = { migrationTtl: EMBEDDED_MIGRATION_TTL };
  return { data: { harbor }, registry };
}

/**
 * The root config of the demo portal: Backstage's default sources (app-config files, --config, env), plus the
 * embedded old registry of {@link withEmbeddedOldRegistry}. The root logger and lifecycle are built from this
 * config, so this factory logs to the console like Backstage's own config loading, and stops the registry when
 * the process exits.
 */
export const embeddedOldRegistryRootConfigFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    // eslint-disable-next-line no-console
    console.log(`Loading config from ${source}`);
    const config = await ConfigSources.toConfig(source);
    const embedded = await withEmbeddedOldRegistry(config, {
      // eslint-disable-next-line no-console
      log: message => console.log(message),
    });
    if (!embedded.data || !embedded.registry) return config;
    const { registry } = embedded;
    process.once('exit', () => registry.killNow());
    config.close?.();
    return ConfigSources.toConfig(
      ConfigSources.merge([
        ConfigSources.default({}),
        StaticConfigSource.create({
          data: embedded.data as any,
          context: 'embedded-old-registry',
        }),
      ]),
    );
  },
});
