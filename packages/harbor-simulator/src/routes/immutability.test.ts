import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('immutable tag rules', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const rule = {
    action: 'immutable',
    template: 'immutable_template',
    disabled: false,
    priority: 0,
    params: {},
    tag_selectors: [
      { kind: 'doublestar', decoration: 'matches', pattern: 'release-*' },
    ],
    scope_selectors: {
      repository: [
        { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
      ],
    },
  };

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  /** Deletes a tag of a team-a repository (named after its tag) and expects `status`. */
  const deleteTeamATag = (repository: string, tag: string, status: number) =>
    request(sim.url)
      .delete(
        `/api/v2.0/projects/team-a/repositories/${repository}/artifacts/${tag}/tags/${tag}`,
      )
      .auth(...admin)
      .expect(status);

  it('creates a rule with Location and answers 409 for the same selectors', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects/team-a/immutabletagrules')
      .auth(...admin)
      .send(rule)
      .expect(201);
    expect(res.headers.location).toMatch(
      /^\/api\/v2.0\/projects\/team-a\/immutabletagrules\/\d+$/,
    );
    const dup = await request(sim.url)
      .post('/api/v2.0/projects/team-a/immutabletagrules')
      .auth(...admin)
      .send(rule)
      .expect(409);
    expect(dup.body.errors[0].message).toBe('immutable rule already exists');
  });

  it('lists, disables and deletes rules', async () => {
    const list = await request(sim.url)
      .get('/api/v2.0/projects/platform/immutabletagrules')
      .auth(...admin)
      .expect(200);
    expect(list.headers['x-total-count']).toBe('1');
    const id = list.body[0].id;
    await request(sim.url)
      .put(`/api/v2.0/projects/platform/immutabletagrules/${id}`)
      .auth(...admin)
      .send({ ...list.body[0], disabled: true })
      .expect(200);
    const tag = await request(sim.url)
      .get(
        '/api/v2.0/projects/platform/repositories/team%252Fapp/artifacts/2.3.1?with_immutable_status=true',
      )
      .auth(...admin)
      .expect(200);
    expect(tag.body.tags[0].immutable).toBe(false);
    await request(sim.url)
      .delete(`/api/v2.0/projects/platform/immutabletagrules/${id}`)
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .delete(`/api/v2.0/projects/platform/immutabletagrules/${id}`)
      .auth(...admin)
      .expect(404);
  });

  it('protects matching tags from deletion with 412', async () => {
    await request(sim.url)
      .delete(
        '/api/v2.0/projects/platform/repositories/team%252Fapp/artifacts/2.3.1/tags/2.3.1',
      )
      .auth(...admin)
      .expect(412);
    await request(sim.url)
      .delete('/api/v2.0/projects/platform/repositories/team%252Fapp')
      .auth(...admin)
      .expect(412);
  });
  it('selects tags and repositories with doublestar patterns, as Harbor does', async () => {
    sim.push({ project: 'team-a', repository: 'app', tags: ['v1.0'] });
    sim.push({ project: 'team-a', repository: 'app', tags: ['vx'] });
    sim.push({ project: 'team-a', repository: 'cache', tags: ['v1.0'] });
    await request(sim.url)
      .post('/api/v2.0/projects/team-a/immutabletagrules')
      .auth(...admin)
      .send({
        ...rule,
        // doublestar v1 (Harbor's) knows no `[!...]`: `!` is one more member of the class, so `vx` is protected
        // and `v1.0` is not. `**/` also matches no component, so `cache` itself is excluded.
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'v[!a-z]*' },
        ],
        scope_selectors: {
          repository: [
            {
              kind: 'doublestar',
              decoration: 'repoExcludes',
              pattern: '**/cache',
            },
          ],
        },
      })
      .expect(201);
    const immutable = async (repository: string, tag: string) =>
      (
        await request(sim.url)
          .get(
            `/api/v2.0/projects/team-a/repositories/${repository}/artifacts/${tag}?with_immutable_status=true`,
          )
          .auth(...admin)
          .expect(200)
      ).body.tags.find((t: { name: string }) => t.name === tag).immutable;
    expect(await immutable('app', 'v1.0')).toBe(false);
    expect(await immutable('app', 'vx')).toBe(true);
    expect(await immutable('cache', 'v1.0')).toBe(false);
    await deleteTeamATag('app', 'vx', 412);
    await deleteTeamATag('app', 'v1.0', 200);
    await deleteTeamATag('cache', 'v1.0', 200);
  });

  it('accepts a malformed pattern, whose rule then protects nothing, as Harbor does', async () => {
    sim.push({ project: 'team-a', repository: 'app', tags: ['release-1'] });
    // Harbor checks no pattern when it stores a rule; its tag controller only logs the matcher's error.
    await request(sim.url)
      .post('/api/v2.0/projects/team-a/immutabletagrules')
      .auth(...admin)
      .send({
        ...rule,
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'release-[' },
        ],
      })
      .expect(201);
    const tag = await request(sim.url)
      .get(
        '/api/v2.0/projects/team-a/repositories/app/artifacts/release-1?with_immutable_status=true',
      )
      .auth(...admin)
      .expect(200);
    expect(tag.body.tags[0].immutable).toBe(false);
    await deleteTeamATag('app', 'release-1', 200);
  });

  it('reads only the first repository selector of a rule, as Harbor does', async () => {
    sim.push({ project: 'team-a', repository: 'app', tags: ['release-1'] });
    await request(sim.url)
      .post('/api/v2.0/projects/team-a/immutabletagrules')
      .auth(...admin)
      .send({
        ...rule,
        scope_selectors: {
          repository: [
            { kind: 'doublestar', decoration: 'repoMatches', pattern: 'app' },
            { kind: 'doublestar', decoration: 'repoExcludes', pattern: 'app' },
          ],
        },
      })
      .expect(201);
    await deleteTeamATag('app', 'release-1', 412);
  });
});
