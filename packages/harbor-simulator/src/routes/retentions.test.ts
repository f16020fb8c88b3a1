import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('retention policies', () => {
  let sim: HarborSimulator;
  let clock: ManualClock;
  const admin = ['admin', 'Harbor12345'] as const;
  const policy = (
    projectId: number,
    rules = [
      {
        priority: 0,
        disabled: false,
        action: 'retain',
        template: 'latestPushedK',
        params: { latestPushedK: 5 },
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: '**' },
        ],
        scope_selectors: {
          repository: [
            { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
          ],
        },
      },
    ],
  ) => ({
    algorithm: 'or',
    scope: { level: 'project', ref: projectId },
    trigger: { kind: 'Schedule', settings: { cron: '0 0 2 * * *' } },
    rules,
  });

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startHarborSimulator({ clock, executionDurationMs: 10_000 });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('advertises the rule templates', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/retentions/metadatas')
      .auth(...admin)
      .expect(200);
    expect(
      res.body.templates.map((t: { rule_template: string }) => t.rule_template),
    ).toEqual([
      'latestPushedK',
      'latestPulledN',
      'nDaysSinceLastPush',
      'nDaysSinceLastPull',
      'always',
    ]);
  });

  it('creates one policy per project, records retention_id, and refuses a second with 400', async () => {
    const projectId = sim.state.projectByName('platform')!.project_id;
    const res = await request(sim.url)
      .post('/api/v2.0/retentions')
      .auth(...admin)
      .send(policy(projectId))
      .expect(201);
    const id = Number(res.headers.location.split('/').pop());
    const project = await request(sim.url)
      .get('/api/v2.0/projects/platform')
      .auth(...admin)
      .expect(200);
    expect(project.body.metadata.retention_id).toBe(String(id));
    const second = await request(sim.url)
      .post('/api/v2.0/retentions')
      .auth(...admin)
      .send(policy(projectId))
      .expect(400);
    expect(second.body.errors[0].message).toBe(
      `project ${projectId} already has retention policy ${id}`,
    );
  });

  it('reads, updates and deletes a policy, clearing retention_id on delete', async () => {
    const teamA = sim.state.projectByName('team-a')!;
    const id = Number(teamA.metadata.retention_id);
    const got = await request(sim.url)
      .get(`/api/v2.0/retentions/${id}`)
      .auth(...admin)
      .expect(200);
    expect(got.body.rules[0].params).toEqual({ latestPushedK: 10 });
    await request(sim.url)
      .put(`/api/v2.0/retentions/${id}`)
      .auth(...admin)
      .send(policy(teamA.project_id))
      .expect(200);
    expect(
      (
        await request(sim.url)
          .get(`/api/v2.0/retentions/${id}`)
          .auth(...admin)
          .expect(200)
      ).body.rules[0].params,
    ).toEqual({ latestPushedK: 5 });
    await request(sim.url)
      .delete(`/api/v2.0/retentions/${id}`)
      .auth(...admin)
      .expect(200);
    expect(teamA.metadata.retention_id).toBeUndefined();
  });

  it('refuses an unknown template, a cron with seconds and duplicate rules', async () => {
    const projectId = sim.state.projectByName('platform')!.project_id;
    const body = policy(projectId);
    await request(sim.url)
      .post('/api/v2.0/retentions')
      .auth(...admin)
      .send({
        ...body,
        rules: [{ ...body.rules[0], template: 'keepEverything' }],
      })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/retentions')
      .auth(...admin)
      .send({
        ...body,
        trigger: { kind: 'Schedule', settings: { cron: '5 0 2 * * *' } },
      })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/retentions')
      .auth(...admin)
      .send({ ...body, rules: [body.rules[0], body.rules[0]] })
      .expect(409);
  });

  it('runs an execution that finishes with the clock', async () => {
    const id = Number(sim.state.projectByName('team-a')!.metadata.retention_id);
    const started = await request(sim.url)
      .post(`/api/v2.0/retentions/${id}/executions`)
      .auth(...admin)
      .send({ dry_run: true })
      .expect(201);
    expect(started.headers.location).toMatch(
      new RegExp(`/api/v2.0/retentions/${id}/executions/\\d+$`),
    );
    const running = await request(sim.url)
      .get(`/api/v2.0/retentions/${id}/executions`)
      .auth(...admin)
      .expect(200);
    expect(running.body[0]).toMatchObject({ status: 'Running', dry_run: true });
    clock.advance(10_000);
    const done = await request(sim.url)
      .get(`/api/v2.0/retentions/${id}/executions`)
      .auth(...admin)
      .expect(200);
    expect(done.body[0].status).toBe('Success');
  });
});
