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

  it('marks a repository Harbor does not have as not-found, with a link to its project', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(images('not-pushed'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const projectId = sim.state.projectByName('team-a')!.project_id;
    expect((res.body as EntityImages).repositories[0]).toEqual({
      instance: 'default',
      project: 'team-a',
      repository: 'not-pushed',
      harborUrl: `https://harbor.example.com/harbor/projects/${projectId}/repositories`,
      artifacts: [],
      status: {
        state: 'not-found',
        message:
          "Harbor instance 'default' has no repository team-a/not-pushed",
      },
    });
    // Missing is an answer, not an outage: the view is not stale.
    expect(res.body.stale).toBe(false);
    expect(sim.log.count('getProject')).toBe(1);
    expect(sim.log.count('listArtifacts')).toBe(1);
    expect(sim.log.count()).toBe(2);
  });

  it('marks a repository of a project Harbor does not have as not-found', async () => {
    const { server } = await startHarborBackend({
      sim,
      entities: [component('ghost', 'no-such-project/app, team-a/web')],
    });
    const res = await request(server)
      .get(images('ghost'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const [ghost, web] = (res.body as EntityImages).repositories;
    expect(ghost.status?.state).toBe('not-found');
    expect(ghost.artifacts).toEqual([]);
    expect(web.status?.state).toBe('fresh');
    expect(web.artifacts.length).toBeGreaterThan(0);
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

  it('marks a missing repository not-found when its project cannot be read, linking the projects list', async () => {
    sim.faults.inject({ operationId: 'getProject', always: true, status: 500 });
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(images('not-pushed'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect((res.body as EntityImages).repositories[0]).toMatchObject({
      harborUrl: 'https://harbor.example.com/harbor/projects',
      artifacts: [],
      status: { state: 'not-found' },
    });
    expect(sim.log.count('getProject')).toBe(1);
  });
});
