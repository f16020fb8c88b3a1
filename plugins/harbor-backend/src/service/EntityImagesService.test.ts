import { mockCredentials } from '@backstage/backend-test-utils';
import type { EntityImages } from '@backstage-harbor/plugin-harbor-common';
import request from 'supertest';
import {
  component,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';

const ENTITIES = [
  component('web', 'team-a/web'),
  component('not-pushed', 'team-a/not-pushed'),
];
const user = mockCredentials.user.header();
const images = (name: string) =>
  `/api/harbor/entities/default/component/${name}/images`;

describe('EntityImagesService', () => {
  const sim = useSimulator();

  it('reads the project once for a repository without artifacts, for its pull policy and its id', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(images('not-pushed'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const projectId = sim.state.projectByName('team-a')!.project_id;
    expect((res.body as EntityImages).repositories[0]).toMatchObject({
      harborUrl: `https://harbor.example.com/harbor/projects/${projectId}/repositories/not-pushed/artifacts-tab`,
      artifacts: [],
    });
    expect(sim.log.count('getProject')).toBe(1);
    expect(sim.log.count('listArtifacts')).toBe(1);
    expect(sim.log.count()).toBe(2);
  });

  it('shows the artifacts without pullable when the project cannot be read', async () => {
    sim.faults.inject({ operationId: 'getProject', always: true, status: 403 });
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(images('web'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const { artifacts } = (res.body as EntityImages).repositories[0];
    expect(artifacts.length).toBeGreaterThan(0);
    expect(artifacts.every(a => a.pullable === undefined)).toBe(true);
    expect(sim.log.count('getProject')).toBe(1);
  });

  it('answers 503 rather than an empty repository when Harbor fails the project read it needs', async () => {
    sim.faults.inject({ operationId: 'getProject', always: true, status: 500 });
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(images('not-pushed'))
      .set('Authorization', user);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain("Harbor instance 'default'");
    expect(sim.log.count('getProject')).toBe(1);
  });
});
