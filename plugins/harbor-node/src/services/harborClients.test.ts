import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { HarborClients } from '../client/HarborClients';
import { harborClientsServiceRef } from './harborClients';

describe('harborClientsServiceRef', () => {
  it('gives plugins the clients of the configured instances by default', async () => {
    let clients: HarborClients | undefined;
    await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            harbor: {
              instances: [
                {
                  name: 'prod',
                  baseUrl: 'https://harbor.example.com',
                  username: 'u',
                  password: 'p',
                },
                { name: 'dev', baseUrl: 'https://harbor.dev.example.com' },
              ],
            },
          },
        }),
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: {
                harbor: harborClientsServiceRef,
                logger: coreServices.logger,
              },
              async init({ harbor }) {
                clients = harbor;
              },
            });
          },
        }),
      ],
    });
    expect(clients?.forInstance().instance.name).toBe('prod');
    expect(clients?.forInstance('harbor.dev.example.com').instance.name).toBe(
      'dev',
    );
    expect(clients?.forInstance('dev')).toBe(clients?.forInstance('dev'));
  });
});
