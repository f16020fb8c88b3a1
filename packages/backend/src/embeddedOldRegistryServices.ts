import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  AsyncConfigSourceGenerator,
  ConfigSource,
  ConfigSources,
  ReadConfigDataOptions,
} from '@backstage/config-loader';
import { EmbeddedOldRegistry } from './embeddedOldRegistry';

/** Backstage's config sources with the embedded old registry's layer added to each read, watched ones too. */
export class EmbeddedOldRegistryConfigSource implements ConfigSource {
  constructor(
    private readonly base: ConfigSource,
    private readonly registry: EmbeddedOldRegistry,
  ) {}

  async *readConfigData(
    options?: ReadConfigDataOptions,
  ): AsyncConfigSourceGenerator {
    for await (const { configs } of this.base.readConfigData(options)) {
      const data = this.registry.configLayer(ConfigReader.fromConfigs(configs));
      yield {
        // First, so that what the app-config files and the environment set wins.
        configs: data
          ? [{ context: 'embedded-old-registry', data }, ...configs]
          : configs,
      };
    }
  }

  toString(): string {
    return String(this.base);
  }
}

/** The demo's old registry; root-scoped and started with the backend, as nothing else asks for it. */
export const embeddedOldRegistryServiceRef =
  createServiceRef<EmbeddedOldRegistry>({
    id: 'backend.embedded-old-registry',
    scope: 'root',
  });

/**
 * The demo portal's old registry for the migration page ({@link EmbeddedOldRegistry}), in two root services:
 *
 * - the root config: Backstage's default sources (app-config files, --config, env), read once, with the
 *   registry's address, credentials and demo defaults added when no old registry is configured. It is built
 *   before the root logger, so it logs to the console like Backstage's own config loading;
 * - the registry itself: its port answers "still filling" from the start, and it is filled once every plugin has
 *   started, so the seconds of skopeo and umoci hold up no plugin; it stops with the backend.
 */
export function embeddedOldRegistryServices(
  options: {
    registry?: EmbeddedOldRegistry;
    /** The config sources to read; Backstage's default ones when absent. */
    source?: () => ConfigSource;
  } = {},
): ServiceFactory[] {
  const registry = options.registry ?? new EmbeddedOldRegistry();
  return [
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      async factory() {
        const source = new EmbeddedOldRegistryConfigSource(
          options.source?.() ?? ConfigSources.default({}),
          registry,
        );
        // eslint-disable-next-line no-console
        console.log(`Loading config from ${source}`);
        return ConfigSources.toConfig(source);
      },
    }),
    createServiceFactory({
      service: embeddedOldRegistryServiceRef,
      deps: {
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      async factory({ logger, lifecycle }) {
        const line = registry.describe();
        if (line) logger.info(line);
        if (registry.plan.kind !== 'embedded') return registry;

        await registry.listen();
        lifecycle.addShutdownHook(() => registry.stop());
        process.once('exit', () => registry.killNow());
        lifecycle.addStartupHook(() => {
          const started = Date.now();
          // Not awaited: the backend is up, and the port says "still filling" until the registry serves.
          registry.fill().then(
            () =>
              logger.info(
                `The embedded old registry at ${
                  registry.url
                } serves its demo repositories (filled in ${(
                  (Date.now() - started) /
                  1000
                ).toFixed(1)} s)`,
              ),
            error => logger.error(String(error?.message ?? error)),
          );
        });
        return registry;
      },
    }),
  ];
}
