import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleHarbor } from './module';

describe('scaffolderModuleHarbor', () => {
  it('installs into the real scaffolder backend beside its built-in actions', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleHarbor,
        catalogServiceMock.factory(),
      ],
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ids = res.body.map((action: { id: string }) => action.id);
    expect(ids).toContain('fetch:template');
  });
});
