import request from 'supertest';
import { ManualClock } from '../clock';
import { addArtifacts, DEMO_FLEET_CVE, DEMO_ROBOTS } from '../seed';
import { HarborSimulator, startHarborSimulator } from '../server';

const admin = ['admin', 'Harbor12345'] as const;
const reader = [DEMO_ROBOTS.reader.name, DEMO_ROBOTS.reader.secret] as const;

describe('Security Hub', () => {
  let sim: HarborSimulator;

  beforeAll(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(() => sim.assertNoViolations());
  afterAll(() => sim.stop());

  const vul = (q: string, extra = '') =>
    request(sim.url)
      .get(`/api/v2.0/security/vul?q=${encodeURIComponent(q)}${extra}`)
      .auth(...admin);

  describe('GET /security/vul', () => {
    it('finds the demo CVE exactly, in every artifact of the default scanner that has it, with tags on request', async () => {
      const res = await vul(
        `cve_id=${DEMO_FLEET_CVE}`,
        '&with_tag=true&page_size=100',
      ).expect(200);
      expect(res.headers['x-total-count']).toBe(String(res.body.length));
      const where = res.body.map(
        (v: any) => `${v.repository_name}:${v.tags.join('+')}`,
      );
      // team-a/api 2.1.0's scan failed: no report, no row.
      expect(where.sort()).toEqual([
        'platform/team/worker:0.9.0+latest',
        'team-a/api:2.0.0',
        'team-a/web:v1.2.0',
      ]);
      expect(res.body[0]).toMatchObject({
        cve_id: DEMO_FLEET_CVE,
        severity: 'High',
        package: expect.any(String),
        digest: expect.stringMatching(/^sha256:/),
        project_id: expect.any(Number),
      });
    });

    it('leaves tags out without with_tag, and matches package, severity and repository_name exactly', async () => {
      const all = await vul(`cve_id=${DEMO_FLEET_CVE}`).expect(200);
      expect(all.body[0].tags).toBeUndefined();
      const pkg = all.body[0].package;
      const byPackage = await vul(`package=${pkg}`, '&page_size=100').expect(
        200,
      );
      expect(byPackage.body.every((v: any) => v.package === pkg)).toBe(true);
      const partial = await vul(`package=${pkg.slice(0, 3)}`).expect(200);
      expect(partial.body).toEqual([]);
      const lower = await vul('severity=critical').expect(200);
      expect(lower.body).toEqual([]);
      const nested = await vul('repository_name=platform/team/worker').expect(
        200,
      );
      expect(nested.body.length).toBeGreaterThan(0);
      expect(
        nested.body.every(
          (v: any) => v.repository_name === 'platform/team/worker',
        ),
      ).toBe(true);
    });

    it('takes a closed CVSS range, sorts by score descending, and matches nothing for a half-open one', async () => {
      const res = await vul('cvss_score_v3=[9~10]', '&page_size=100').expect(
        200,
      );
      const scores = res.body.map((v: any) => v.cvss_v3_score);
      expect(scores.length).toBeGreaterThan(0);
      expect(scores.every((s: number) => s >= 9 && s <= 10)).toBe(true);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const open = await vul('cvss_score_v3=[9~]').expect(200);
      expect(open.headers['x-total-count']).toBe('0');
    });

    it.each([
      ['an unknown key', 'name=web', 'keyword: name is not allowed'],
      [
        'a fuzzy match',
        'cve_id=~CVE',
        'keyword: cve_id, the query type is not allowed',
      ],
      [
        'a range on a string key',
        'severity=[a~b]',
        'keyword: severity, the query type is not allowed',
      ],
      [
        'an exact CVSS value',
        'cvss_score_v3=9',
        'keyword: cvss_score_v3, the query type is not allowed',
      ],
      [
        'a list',
        'severity={High Critical}',
        'keyword: severity, the query type is not allowed',
      ],
      [
        'a clause without "="',
        'severity',
        'the query string must contain "=" and the key/value cannot be empty',
      ],
      [
        'a broken range',
        'cvss_score_v3=[1~2~3]',
        'invalid query string value: [1~2~3]',
      ],
    ])('answers 400 for %s', async (_, q, message) => {
      const res = await vul(q).expect(400);
      expect(res.body.errors[0]).toEqual({ code: 'BAD_REQUEST', message });
    });

    it('pages with X-Total-Count and Link, and answers -1 with tune_count over 1000 rows', async () => {
      addArtifacts(sim.state, sim.clock, {
        project: 'sandbox',
        repository: 'many',
        count: 220,
        cvesPerArtifact: 5,
      });
      const page1 = await vul(
        `project_id=${sim.state.projectByName('sandbox')!.project_id}`,
        '&page_size=100',
      ).expect(200);
      expect(page1.headers['x-total-count']).toBe('1100');
      expect(page1.body).toHaveLength(100);
      expect(page1.headers.link).toContain('rel="next"');
      const last = await vul(
        `project_id=${sim.state.projectByName('sandbox')!.project_id}`,
        '&page_size=100&page=11',
      ).expect(200);
      expect(last.body).toHaveLength(100);
      expect(last.headers.link).not.toContain('rel="next"');
      const tuned = await vul(
        `project_id=${sim.state.projectByName('sandbox')!.project_id}`,
        '&page_size=100&tune_count=true',
      ).expect(200);
      expect(tuned.headers['x-total-count']).toBe('-1');
      const small = await vul(
        `cve_id=${DEMO_FLEET_CVE}`,
        '&tune_count=true',
      ).expect(200);
      expect(small.headers['x-total-count']).toBe('3');
    });

    it('needs security-hub list: the reader robot has it, anonymous gets 401', async () => {
      await request(sim.url)
        .get(`/api/v2.0/security/vul?q=cve_id%3D${DEMO_FLEET_CVE}`)
        .auth(...reader)
        .expect(200);
      await request(sim.url).get('/api/v2.0/security/vul').expect(401);
    });
  });

  describe('GET /security/summary', () => {
    it('counts by severity over the default scanner, with the top 5 CVEs and artifacts on request', async () => {
      const res = await request(sim.url)
        .get(
          '/api/v2.0/security/summary?with_dangerous_cve=true&with_dangerous_artifact=true',
        )
        .auth(...reader)
        .expect(200);
      const b = res.body;
      expect(b.total_artifact).toBe(sim.state.artifacts.length);
      expect(b.scanned_cnt).toBeLessThan(b.total_artifact);
      expect(b.total_vuls).toBe(
        b.critical_cnt +
          (b.high_cnt ?? 0) +
          b.medium_cnt +
          b.low_cnt +
          (b.none_cnt ?? 0) +
          (b.unknown_cnt ?? 0),
      );
      expect(b.dangerous_cves).toHaveLength(5);
      const scores = b.dangerous_cves.map((c: any) => c.cvss_score_v3);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
      expect(b.dangerous_artifacts.length).toBeLessThanOrEqual(5);
      expect(b.dangerous_artifacts[0]).toEqual(
        expect.objectContaining({
          critical_cnt: expect.any(Number),
          high_cnt: expect.any(Number),
        }),
      );
    });

    it('leaves the dangerous lists out unless asked', async () => {
      const res = await request(sim.url)
        .get('/api/v2.0/security/summary')
        .auth(...admin)
        .expect(200);
      expect(res.body.dangerous_cves).toBeUndefined();
      expect(res.body.dangerous_artifacts).toBeUndefined();
    });
  });

  it('does not exist before Harbor 2.9', async () => {
    const old = await startHarborSimulator({ harborVersion: 'v2.8.4' });
    try {
      await request(old.url)
        .get('/api/v2.0/security/summary')
        .auth(...admin)
        .expect(404);
      await request(old.url)
        .get('/api/v2.0/security/vul')
        .auth(...admin)
        .expect(404);
      old.assertNoViolations();
    } finally {
      await old.stop();
    }
  });
});
