import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { resolve } from 'node:path';
import request from 'supertest';
import permissionPolicyModule, { PLATFORM_TEAM } from './permissionPolicy';

jest.setTimeout(120_000);

const repoRoot = resolve(__dirname, '../../..');

/** examples/org.yaml, as the sign-in puts it in a user's token. */
const org: Record<string, string[]> = {
  'user:default/guest': ['user:default/guest', PLATFORM_TEAM],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};

/**
 * The mock auth service, except that a plugin's token on behalf of a user names the plugin as the actor, as the
 * real one does: the permission backend refuses resource permissions without a resourceRef from a user directly.
 */
const authWithActor = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const { onBehalfOf } = options;
      if (!auth.isPrincipal(onBehalfOf, 'user')) return issue(options);
      return {
        token: mockCredentials.user.token(onBehalfOf.principal.userEntityRef, {
          actor: { subject: `plugin:${plugin.getId()}` },
        }),
      };
    };
    return auth;
  },
});

/**
 * The demo's catalog (the templates and example entities) and permission framework, with the real permissions
 * service: every catalog read goes through the permission backend and the demo policy.
 */
async function startPortal() {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      permissionPlugin,
      permissionPolicyModule,
      permissionsServiceFactory,
      authWithActor,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const { userEntityRef } = credentials.principal as {
              userEntityRef: string;
            };
            return { userEntityRef, ownershipEntityRefs: org[userEntityRef] };
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'Resource', 'Template'] }],
            locations: [
              {
                type: 'file',
                target: resolve(repoRoot, 'templates/*/template.yaml'),
              },
              {
                type: 'file',
                target: resolve(repoRoot, 'examples/entities.yaml'),
              },
            ],
          },
        },
      }),
    ],
  });
}

type Server = Parameters<typeof request>[0];

/** The names of the templates a user can read, as the template list asks the catalog for them. */
async function templatesReadBy(server: Server, userEntityRef: string) {
  const response = await request(server)
    .get('/api/catalog/entities/by-query?filter=kind=template')
    .set('authorization', mockCredentials.user.header(userEntityRef));
  expect(response.status).toBe(200);
  return response.body.items.map((e: any) => e.metadata.name).sort();
}

/** The catalog processes its locations after start-up: until the platform team, which sees all, sees 4 templates. */
async function catalogLoaded(server: Server) {
  const deadline = Date.now() + 90_000;
  while (
    (await templatesReadBy(server, 'user:default/guest')).length < 4 &&
    Date.now() < deadline
  ) {
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('the demo policy through the permission backend and the catalog', () => {
  it('hides the platform and migration templates from a team-b user, and shows them to the platform team', async () => {
    const backend = await startPortal();
    try {
      await catalogLoaded(backend.server);
      expect(
        await templatesReadBy(backend.server, 'user:default/guest'),
      ).toEqual([
        'harbor-connect-component',
        'harbor-migration',
        'harbor-platform',
        'harbor-project',
      ]);
      expect(await templatesReadBy(backend.server, 'user:default/bob')).toEqual(
        ['harbor-connect-component', 'harbor-project'],
      );

      const platform = await request(backend.server)
        .get('/api/catalog/entities/by-name/template/default/harbor-platform')
        .set('authorization', mockCredentials.user.header('user:default/bob'));
      expect(platform.status).toBe(404);
      const component = await request(backend.server)
        .get('/api/catalog/entities/by-name/component/default/payments')
        .set('authorization', mockCredentials.user.header('user:default/bob'));
      expect(component.status).toBe(200);
    } finally {
      await backend.stop();
    }
  });
});
