import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { harborPlugin } from './plugin';

describe('harborPlugin', () => {
  it('serves its routes to signed-in callers only', async () => {
    const { server } = await startTestBackend({
      features: [harborPlugin, mockServices.rootConfig.factory()],
    });

    const signedIn = await request(server)
      .get('/api/harbor/health')
      .set('Authorization', mockCredentials.user.header());
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ status: 'ok' });

    const anonymous = await request(server)
      .get('/api/harbor/health')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('registers the Harbor permissions with the permission framework', async () => {
    const { server } = await startTestBackend({ features: [harborPlugin] });
    const res = await request(server)
      .get('/api/harbor/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'harbor.entity.images.read',
      'harbor.entity.health.read',
    ]);
  });
});
