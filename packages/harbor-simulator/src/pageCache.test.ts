import request from 'supertest';
import { ManualClock } from './clock';
import { HarborSimulator, startHarborSimulator } from './server';
import { VULNERABILITY_REPORT_V11 } from './state';

// Repeated artifact pages are answered from serialised copies (pageCache.ts); these show a copy is never served
// once anything it was built from changed, however the change was made.
describe('cached artifact pages', () => {
  let sim: HarborSimulator;
  let clock: ManualClock;
  const page =
    '/projects/team-a/repositories/cache/artifacts?page=1&page_size=5&with_scan_overview=true';
  const list = () =>
    request(sim.url)
      .get(`/api/v2.0${page}`)
      .auth('admin', 'Harbor12345')
      .expect(200);

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startHarborSimulator({
      clock,
      scanDurations: { pendingMs: 1_000, runningMs: 5_000 },
    });
    sim.addArtifacts({
      project: 'team-a',
      repository: 'cache',
      count: 12,
      cvesPerArtifact: 3,
    });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  const newest = () =>
    sim.state.artifacts
      .filter(
        a => a.repository_id === sim.state.repositoryByName('team-a/cache')!.id,
      )
      .sort((a, b) => (a.push_time < b.push_time ? 1 : -1))[0];

  it('answers a repeated request with the same body and headers', async () => {
    const first = await list();
    const second = await list();
    expect(second.text).toBe(first.text);
    expect(second.headers['x-total-count']).toBe('12');
    expect(second.headers.link).toBe(first.headers.link);
    expect(second.headers['x-request-id']).not.toBe(
      first.headers['x-request-id'],
    );
  });

  it('sees direct changes to sim.state: a tag, a size, a scan result, a deleted artifact', async () => {
    await list();
    newest().tags.push({
      id: 9999,
      name: 'added-directly',
      push_time: newest().push_time,
      pull_time: newest().pull_time,
    });
    expect((await list()).body[0].tags.map((t: any) => t.name)).toContain(
      'added-directly',
    );

    newest().size = 42;
    expect((await list()).body[0].size).toBe(42);

    newest().scans[0].vulnerabilities[0].severity = 'Critical';
    newest().scans[0].vulnerabilities = [];
    expect(
      (await list()).body[0].scan_overview[VULNERABILITY_REPORT_V11].summary
        .total,
    ).toBe(0);

    const gone = newest();
    sim.state.artifacts.splice(sim.state.artifacts.indexOf(gone), 1);
    const after = await list();
    expect(after.headers['x-total-count']).toBe('11');
    expect(after.body[0].digest).not.toBe(gone.digest);
  });

  it('rebuilds an artifact whose fields changed in place once the page is built again', async () => {
    await list();
    // A push elsewhere drops the kept page, so the page is rebuilt from the per-artifact views.
    sim.push({ project: 'team-b', repository: 'elsewhere', tags: ['1'] });
    for (const v of newest().scans[0].vulnerabilities) v.severity = 'Critical';
    const overview = (await list()).body[0].scan_overview[
      VULNERABILITY_REPORT_V11
    ];
    expect(overview.severity).toBe('Critical');
    expect(overview.summary.summary).toEqual({ Critical: 3 });
  });

  it('sees pushes and changes made through the API', async () => {
    await list();
    sim.push({ project: 'team-a', repository: 'cache', tags: ['pushed'] });
    expect((await list()).body[0].tags[0].name).toBe('pushed');

    const digest = newest().digest;
    await request(sim.url)
      .delete(
        `/api/v2.0/projects/team-a/repositories/cache/artifacts/${digest}`,
      )
      .auth('admin', 'Harbor12345')
      .expect(200);
    expect((await list()).body[0].digest).not.toBe(digest);
  });

  it('follows a requested scan with the clock instead of keeping its Pending page', async () => {
    const digest = newest().digest;
    await request(sim.url)
      .post(
        `/api/v2.0/projects/team-a/repositories/cache/artifacts/${digest}/scan`,
      )
      .auth('admin', 'Harbor12345')
      .expect(202);
    const status = async () =>
      (await list()).body[0].scan_overview[VULNERABILITY_REPORT_V11]
        .scan_status;
    expect(await status()).toBe('Pending');
    clock.advance(2_000);
    expect(await status()).toBe('Running');
    clock.advance(10_000);
    expect(await status()).toBe('Success');
    expect(await status()).toBe('Success');
    // Setting the clock back before the request makes the scan pending again.
    clock.advance(-12_000);
    expect(await status()).toBe('Pending');
  });
});
