import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleHarbor } from './module';

describe('scaffolderModuleHarbor', () => {
  it('installs the harbor actions into the real scaffolder backend beside its built-in actions', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleHarbor,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { harbor: { baseUrl: 'https://harbor.example.com' } },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ids = res.body.map((action: { id: string }) => action.id);
    expect(ids).toContain('fetch:template');
    expect(ids).toEqual(
      expect.arrayContaining([
        'harbor:project:ensure',
        'harbor:robot:ensure',
        'harbor:retention:ensure',
        'harbor:immutability:ensure',
        'harbor:members:ensure',
        'harbor:webhook:ensure',
      ]),
    );
  });
});
