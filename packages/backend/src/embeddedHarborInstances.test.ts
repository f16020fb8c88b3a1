import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  EntityImages,
  EntityVulnerabilitySummary,
} from '@backstage-harbor/plugin-harbor-common';
import harborPlugin from '@backstage-harbor/plugin-harbor-backend';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  DEMO_MISCONFIGURED_INSTANCE,
  embeddedHarborClientsFactory,
} from './embeddedHarbor';
import {
  embeddedKubernetesFactory,
  embeddedRobotSecretStoresFactory,
} from './embeddedCluster';
import { embeddedHarborClusterFactory } from './embeddedClusterViews';

const repoRoot = resolve(__dirname, '../../..');

function demoEntities(): Entity[] {
  return parseAllDocuments(
    readFileSync(resolve(repoRoot, 'examples/entities.yaml'), 'utf8'),
  ).map(doc => doc.toJS() as Entity);
}

describe("the demo portal's second Harbor instance, configured with a wrong password", () => {
  it('answers edge-proxy with its nginx repository as credentials rejected and its own repository as usual', async () => {
    const backend = await startTestBackend({
      features: [
        harborPlugin,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: {
            kubernetesSimulator: { port: 0 },
            harborSimulator: { port: 0 },
          },
        }),
        embeddedHarborClientsFactory,
        embeddedKubernetesFactory,
        embeddedRobotSecretStoresFactory,
        embeddedHarborClusterFactory,
      ],
    });
    try {
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/harbor/entities/default/component/edge-proxy/${path}`)
          .set('authorization', mockCredentials.user.header());

      const images = await get('images');
      expect(images.status).toBe(200);
      const { repositories } = images.body as EntityImages;
      const web = repositories.find(r => r.repository === 'web');
      expect(web).toMatchObject({ instance: 'default', project: 'team-a' });
      expect(web?.status?.state ?? 'fresh').toBe('fresh');
      expect(web?.artifacts.length).toBeGreaterThan(0);
      // library is public: answered as anonymous, Harbor would list nginx as if all were well.
      const nginx = repositories.find(r => r.repository === 'nginx');
      expect(nginx).toMatchObject({
        instance: DEMO_MISCONFIGURED_INSTANCE.name,
        project: 'library',
        artifacts: [],
        status: { state: 'credentials-rejected' },
      });
      expect(JSON.stringify(images.body)).not.toContain(
        'not-the-admin-password',
      );

      const summary = await get('vulnerability-summary');
      expect(summary.status).toBe(200);
      const body = summary.body as EntityVulnerabilitySummary;
      expect(body.repositories.map(r => r.repository)).toEqual(['web']);
      expect(body.unavailable).toEqual([
        expect.objectContaining({
          instance: DEMO_MISCONFIGURED_INSTANCE.name,
          repository: 'nginx',
          status: expect.objectContaining({ state: 'credentials-rejected' }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
