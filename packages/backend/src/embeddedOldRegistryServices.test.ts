import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { ConfigSource, StaticConfigSource } from '@backstage/config-loader';
import {
  readOptionalSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { EmbeddedOldRegistry } from './embeddedOldRegistry';
import { embeddedOldRegistryServices } from './embeddedOldRegistryServices';
import { freePort } from '@backstage-harbor/old-registry';

describe('embeddedOldRegistryServices', () => {
  it('reads the config once, names the registry to every plugin, and fills it after start-up without holding it up', async () => {
    const registry = new EmbeddedOldRegistry({ port: await freePort() });
    const files = StaticConfigSource.create({
      data: { backend: { baseUrl: 'http://localhost', listen: { port: 0 } } },
    });
    let reads = 0;
    const counted = {
      async *readConfigData(options) {
        reads++;
        yield* files.readConfigData(options);
      },
      toString: () => 'the test config',
    } satisfies ConfigSource & { toString(): string };
    const console = jest.spyOn(global.console, 'log').mockImplementation();
    let pluginConfig: Config | undefined;
    const backend = await startTestBackend({
      features: [
        ...embeddedOldRegistryServices({ registry, source: () => counted }),
        createBackendPlugin({
          pluginId: 'reader',
          register(env) {
            env.registerInit({
              deps: { config: coreServices.rootConfig },
              async init({ config }) {
                pluginConfig = config;
              },
            });
          },
        }),
      ],
    });
    try {
      expect(reads).toBe(1);
      expect(console).toHaveBeenCalledWith(
        'Loading config from the test config',
      );
      const source = readOptionalSourceRegistry(pluginConfig!)!;
      expect(source.url).toBe(registry.url);

      // The backend has started; the fill it began takes seconds of skopeo and umoci.
      const early = await fetch(`${registry.url}/v2/`);
      expect(early.status).toBe(503);

      await registry.fill();
      const inventory = await sourceRegistryClient(source).inventory({
        digests: false,
      });
      expect(inventory.repositories).toHaveLength(5);
    } finally {
      await backend.stop();
    }
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
    console.mockRestore();
  }, 60_000);
});
