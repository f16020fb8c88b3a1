import request from 'supertest';
import { ManualClock } from '../clock';
import { DEMO_ROBOTS } from '../seed';
import { HarborSimulator, startHarborSimulator } from '../server';
import {
  VULNERABILITY_REPORT_HARBOR_V10,
  VULNERABILITY_REPORT_V11,
} from '../state';

describe('repositories, artifacts and scans', () => {
  let sim: HarborSimulator;
  let clock: ManualClock;
  const admin = ['admin', 'Harbor12345'] as const;
  const reader = [DEMO_ROBOTS.reader.name, DEMO_ROBOTS.reader.secret] as const;
  const get = (path: string) =>
    request(sim.url)
      .get(`/api/v2.0${path}`)
      .auth(...reader);

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startHarborSimulator({
      clock,
      scanDurations: { pendingMs: 1_000, runningMs: 5_000 },
    });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  describe('nested repository names', () => {
    it('finds platform/team/app when the name is encoded twice (team%252Fapp)', async () => {
      const res = await get(
        '/projects/platform/repositories/team%252Fapp',
      ).expect(200);
      expect(res.body).toMatchObject({
        name: 'platform/team/app',
        artifact_count: 2,
      });
      const artifacts = await get(
        '/projects/platform/repositories/team%252Fapp/artifacts',
      ).expect(200);
      expect(
        artifacts.body.map(
          (a: { repository_name: string }) => a.repository_name,
        ),
      ).toEqual(['platform/team/app', 'platform/team/app']);
    });

    it('answers a single-encoded slash (team%2Fapp) with 404 path not found', async () => {
      const res = await get(
        '/projects/platform/repositories/team%2Fapp/artifacts',
      ).expect(404);
      expect(res.body.errors[0]).toEqual({
        code: 'NOT_FOUND',
        message:
          'path /api/v2.0/projects/platform/repositories/team/app/artifacts was not found',
      });
    });

    it('answers 404 when the project prefix is not stripped from the repository name', async () => {
      const res = await get(
        '/projects/platform/repositories/platform%252Fteam%252Fapp',
      ).expect(404);
      expect(res.body.errors[0].message).toBe(
        'repository platform/platform/team/app not found',
      );
    });

    it('filters repositories with q=name=~ and lists every visible repository', async () => {
      const res = await get(
        `/projects/platform/repositories?q=${encodeURIComponent(
          'name=~team/',
        )}`,
      ).expect(200);
      expect(res.body.map((r: { name: string }) => r.name)).toEqual([
        'platform/team/app',
        'platform/team/worker',
      ]);
      const all = await request(sim.url)
        .get('/api/v2.0/repositories?page_size=100')
        .expect(200);
      expect(
        all.body.every((r: { name: string }) => r.name.startsWith('library/')),
      ).toBe(true);
    });

    it('updates the description and deletes a repository', async () => {
      await request(sim.url)
        .put('/api/v2.0/projects/platform/repositories/team%252Fworker')
        .auth(...admin)
        .send({ description: 'queue worker' })
        .expect(200);
      expect(
        (
          await get('/projects/platform/repositories/team%252Fworker').expect(
            200,
          )
        ).body.description,
      ).toBe('queue worker');
      await request(sim.url)
        .delete('/api/v2.0/projects/library/repositories/redis')
        .auth(...admin)
        .expect(200);
      await get('/projects/library/repositories/redis').expect(404);
    });
  });

  describe('paging', () => {
    beforeEach(() => {
      sim.addArtifacts({
        project: 'team-a',
        repository: 'bulk',
        count: 250,
        cvesPerArtifact: 3,
      });
    });

    it('returns all 250 artifacts across three pages with X-Total-Count and Harbor Link headers', async () => {
      const seen = new Set<string>();
      const links: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await get(
          `/projects/team-a/repositories/bulk/artifacts?page=${page}&page_size=100&with_scan_overview=true`,
        ).expect(200);
        expect(res.headers['x-total-count']).toBe('250');
        links.push(res.headers.link ?? '');
        for (const a of res.body) seen.add(a.digest);
      }
      expect(seen.size).toBe(250);
      const base = '/api/v2.0/projects/team-a/repositories/bulk/artifacts';
      expect(links[0]).toBe(
        `<${base}?page=2&page_size=100&with_scan_overview=true>; rel="next"`,
      );
      expect(links[1]).toBe(
        `<${base}?page=1&page_size=100&with_scan_overview=true>; rel="prev" , <${base}?page=3&page_size=100&with_scan_overview=true>; rel="next"`,
      );
      expect(links[2]).toBe(
        `<${base}?page=2&page_size=100&with_scan_overview=true>; rel="prev"`,
      );
    });

    it('keeps the double-encoded path and unescapes the query in Link', async () => {
      const res = await get(
        `/projects/platform/repositories/team%252Fapp/artifacts?page_size=1&q=${encodeURIComponent(
          'tags=*',
        )}`,
      ).expect(200);
      expect(res.headers.link).toBe(
        '</api/v2.0/projects/platform/repositories/team%252Fapp/artifacts?page=2&page_size=1&q=tags=*>; rel="next"',
      );
    });

    it('answers page_size=101 with 422 UNPROCESSABLE_ENTITY', async () => {
      const res = await get(
        '/projects/team-a/repositories/bulk/artifacts?page_size=101',
      ).expect(422);
      expect(res.body.errors[0].code).toBe('UNPROCESSABLE_ENTITY');
      sim.clearViolations();
    });

    it('defaults to 10 artifacts a page, newest first', async () => {
      const res = await get(
        '/projects/team-a/repositories/bulk/artifacts',
      ).expect(200);
      expect(res.body).toHaveLength(10);
      expect(res.body[0].tags[0].name).toBe('1.0.249');
    });
  });

  describe('artifact details', () => {
    it('gets an artifact by tag or digest, with tags by default and no scan overview unless asked', async () => {
      const byTag = await get(
        '/projects/library/repositories/nginx/artifacts/latest',
      ).expect(200);
      expect(byTag.body.tags.map((t: { name: string }) => t.name)).toEqual([
        '1.25.3',
        '1.25',
        'latest',
      ]);
      expect(byTag.body.scan_overview).toBeUndefined();
      const byDigest = await get(
        `/projects/library/repositories/nginx/artifacts/${byTag.body.digest}?with_tag=false`,
      ).expect(200);
      expect(byDigest.body.id).toBe(byTag.body.id);
      expect(byDigest.body.tags).toBeUndefined();
      await get('/projects/library/repositories/nginx/artifacts/9.9').expect(
        404,
      );
    });

    it('filters artifacts with q tags=*, tags=nil and tags=~', async () => {
      const tagged = await get(
        `/projects/team-a/repositories/web/artifacts?page_size=100&q=${encodeURIComponent(
          'tags=*',
        )}`,
      ).expect(200);
      expect(tagged.body).toHaveLength(6);
      const untagged = await get(
        `/projects/team-a/repositories/web/artifacts?q=${encodeURIComponent(
          'tags=nil',
        )}`,
      ).expect(200);
      expect(untagged.body).toHaveLength(1);
      const fuzzy = await get(
        `/projects/team-a/repositories/web/artifacts?q=${encodeURIComponent(
          'tags=~v1.4',
        )}`,
      ).expect(200);
      expect(fuzzy.body).toHaveLength(2);
    });

    it('includes labels, accessories and immutable status when asked', async () => {
      const res = await get(
        '/projects/platform/repositories/team%252Fapp/artifacts/latest?with_label=true&with_accessory=true&with_immutable_status=true',
      ).expect(200);
      expect(res.body.labels.map((l: { name: string }) => l.name)).toEqual([
        'production',
      ]);
      expect(res.body.accessories[0]).toMatchObject({
        type: 'signature.cosign',
        subject_artifact_repo: 'platform/team/app',
      });
      expect(
        res.body.tags.find((t: { name: string }) => t.name === '2.3.1')
          .immutable,
      ).toBe(true);
      expect(
        res.body.tags.find((t: { name: string }) => t.name === 'latest')
          .immutable,
      ).toBe(false);
    });

    it('lists the tags of an artifact and creates one, 409 when it exists', async () => {
      const tags = await get(
        '/projects/library/repositories/nginx/artifacts/latest/tags',
      ).expect(200);
      expect(tags.headers['x-total-count']).toBe('3');
      await request(sim.url)
        .post(
          '/api/v2.0/projects/library/repositories/nginx/artifacts/latest/tags',
        )
        .auth(...admin)
        .send({ name: 'stable' })
        .expect(201);
      await request(sim.url)
        .post(
          '/api/v2.0/projects/library/repositories/nginx/artifacts/latest/tags',
        )
        .auth(...admin)
        .send({ name: '1.24.0' })
        .expect(409);
    });
  });

  describe('scan overviews and reports', () => {
    it('keys the scan overview by the v1.1 report type and leaves zero-count severities out', async () => {
      const res = await get(
        '/projects/library/repositories/nginx/artifacts/1.24.0?with_scan_overview=true',
      ).expect(200);
      expect(Object.keys(res.body.scan_overview)).toEqual([
        VULNERABILITY_REPORT_V11,
      ]);
      const overview = res.body.scan_overview[VULNERABILITY_REPORT_V11];
      expect(overview).toMatchObject({
        scan_status: 'Success',
        severity: 'High',
        scanner: { name: 'Trivy' },
      });
      expect(overview.summary).toEqual({
        total: 5,
        fixable: 2,
        summary: { High: 2, Medium: 1, Low: 1, Unknown: 1 },
      });
    });

    it('reports a clean image as severity None with an empty summary', async () => {
      const res = await get(
        '/projects/library/repositories/alpine/artifacts/3.20?with_scan_overview=true',
      ).expect(200);
      expect(res.body.scan_overview[VULNERABILITY_REPORT_V11]).toMatchObject({
        severity: 'None',
        summary: { total: 0, fixable: 0, summary: {} },
      });
    });

    it('has no scan overview for a never-scanned artifact and scan_status Error for a failed scan', async () => {
      const unscanned = await get(
        '/projects/library/repositories/redis/artifacts/7.2?with_scan_overview=true',
      ).expect(200);
      expect(unscanned.body.scan_overview).toBeUndefined();
      const failed = await get(
        '/projects/team-a/repositories/api/artifacts/latest?with_scan_overview=true',
      ).expect(200);
      expect(failed.body.scan_overview[VULNERABILITY_REPORT_V11]).toMatchObject(
        { scan_status: 'Error' },
      );
      expect(
        failed.body.scan_overview[VULNERABILITY_REPORT_V11].summary,
      ).toBeUndefined();
    });

    it('keys an older adapter report by the harbor+json v1.0 type, honouring X-Accept-Vulnerabilities', async () => {
      const path =
        '/projects/team-b/repositories/payments/artifacts/1.0.0?with_scan_overview=true';
      const byDefault = await get(path).expect(200);
      expect(Object.keys(byDefault.body.scan_overview)).toEqual([
        VULNERABILITY_REPORT_HARBOR_V10,
      ]);
      expect(
        byDefault.body.scan_overview[VULNERABILITY_REPORT_HARBOR_V10],
      ).toMatchObject({ severity: 'Critical', scanner: { name: 'Clair' } });
      const onlyV11 = await get(path)
        .set('X-Accept-Vulnerabilities', VULNERABILITY_REPORT_V11)
        .expect(200);
      expect(onlyV11.body.scan_overview).toBeUndefined();
    });

    it('returns the vulnerability report keyed by MIME type, with packages, fixed versions, CVSS and links', async () => {
      const res = await get(
        '/projects/team-a/repositories/web/artifacts/v1.0.0/additions/vulnerabilities',
      ).expect(200);
      const report = res.body[VULNERABILITY_REPORT_V11];
      expect(report.severity).toBe('Critical');
      const log4shell = report.vulnerabilities.find(
        (v: { id: string }) => v.id === 'CVE-2021-44228',
      );
      expect(log4shell).toMatchObject({
        package: 'org.apache.logging.log4j:log4j-core',
        version: '2.14.1',
        fix_version: '2.15.0',
        severity: 'Critical',
        preferred_cvss: { score_v3: 10 },
        links: expect.arrayContaining([
          'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        ]),
      });
      const legacy = await get(
        '/projects/team-b/repositories/payments/artifacts/1.0.0/additions/vulnerabilities',
      )
        .set('X-Accept-Vulnerabilities', VULNERABILITY_REPORT_HARBOR_V10)
        .expect(200);
      expect(Object.keys(legacy.body)).toEqual([
        VULNERABILITY_REPORT_HARBOR_V10,
      ]);
      const none = await get(
        '/projects/library/repositories/redis/artifacts/7.2/additions/vulnerabilities',
      ).expect(200);
      expect(none.body).toEqual({});
    });
  });

  describe('as strict as Harbor', () => {
    // Harbor: src/lib/orm/query.go, QuerySetter pages only when PageSize > 0; base.go BaseAPI.Links gives none for 0.
    it('returns every artifact for page_size=0, without a Link', async () => {
      sim.addArtifacts({ project: 'team-a', repository: 'bulk', count: 250 });
      const res = await get(
        '/projects/team-a/repositories/bulk/artifacts?page_size=0',
      ).expect(200);
      expect(res.body).toHaveLength(250);
      expect(res.headers['x-total-count']).toBe('250');
      expect(res.headers.link).toBeUndefined();
    });

    // Harbor: src/server/v2.0/handler/base.go, BaseAPI.Links sets page_size in the links, default 10 included.
    it('puts page_size into the Link header when the request had none', async () => {
      sim.addArtifacts({ project: 'team-a', repository: 'bulk', count: 25 });
      const res = await get(
        '/projects/team-a/repositories/bulk/artifacts',
      ).expect(200);
      expect(res.headers.link).toBe(
        '</api/v2.0/projects/team-a/repositories/bulk/artifacts?page=2&page_size=10>; rel="next"',
      );
    });

    // Harbor: src/pkg/artifact/dao/dao.go, setTagQuery uses SQL LIKE (case-sensitive) and setLabelQuery an and-list.
    it('matches tags=~ case-sensitively and takes labels only as an and-list of ids', async () => {
      const tags = async (q: string) =>
        (
          await get(
            `/projects/library/repositories/nginx/artifacts?q=${encodeURIComponent(
              q,
            )}`,
          ).expect(200)
        ).body.map((a: { tags: Array<{ name: string }> }) =>
          a.tags.map(t => t.name),
        );
      expect(await tags('tags=~lat')).toEqual([['1.25.3', '1.25', 'latest']]);
      expect(await tags('tags=~LAT')).toEqual([]);
      expect(await tags('labels=(1)')).toEqual([['1.25.3', '1.25', 'latest']]);
      const orList = await get(
        `/projects/library/repositories/nginx/artifacts?q=${encodeURIComponent(
          'labels={1 2}',
        )}`,
      ).expect(400);
      expect(orList.body.errors[0].message).toBe(
        'the value of "labels" query can only be integer list with intersetion relationship',
      );
      await get(
        `/projects/library/repositories/nginx/artifacts?q=${encodeURIComponent(
          'tags=[a~b]',
        )}`,
      ).expect(400);
    });

    // Harbor: src/lib/q/builder.go, parseKeywords answers a part without "=" with 400, also for a robot list.
    it('answers 400 for a q part without "="', async () => {
      const res = await request(sim.url)
        .get(`/api/v2.0/robots?q=${encodeURIComponent('Level=system,ci')}`)
        .auth(...admin)
        .expect(400);
      expect(res.body.errors[0].message).toBe(
        'the query string must contain "=" and the key/value cannot be empty',
      );
    });

    // Harbor: src/pkg/scan/report/summary.go, GenerateNativeSummary copies the task's end time (zero while
    // running) and leaves severity, scanner and summary unset until the report succeeds.
    it('gives a running scan end_time 0001-01-01 and no summary, a finished one both', async () => {
      const path =
        '/projects/library/repositories/redis/artifacts/7.2?with_scan_overview=true';
      await request(sim.url)
        .post(
          '/api/v2.0/projects/library/repositories/redis/artifacts/7.2/scan',
        )
        .auth(...admin)
        .expect(202);
      clock.advance(2_000);
      const running = (await get(path).expect(200)).body.scan_overview[
        VULNERABILITY_REPORT_V11
      ];
      expect(running).toEqual({
        report_id: expect.any(String),
        scan_status: 'Running',
        start_time: expect.any(String),
        end_time: '0001-01-01T00:00:00.000Z',
      });
      clock.advance(5_000);
      const done = (await get(path).expect(200)).body.scan_overview[
        VULNERABILITY_REPORT_V11
      ];
      expect(done.end_time).toBe(
        new Date(Date.parse(done.start_time) + 6_000).toISOString(),
      );
      expect(done.summary).toEqual({
        total: 2,
        fixable: expect.any(Number),
        summary: { High: 1, Medium: 1 },
      });
    });

    // Harbor: src/server/v2.0/handler/util.go, parseScanReportMimeTypes keeps only the two known types,
    // literally, and falls back to the harbor+json v1.0 type when none is left; go-swagger's default applies
    // when the header is absent.
    it.each([
      [
        'absent',
        undefined,
        [VULNERABILITY_REPORT_V11, VULNERABILITY_REPORT_HARBOR_V10],
      ],
      ['unknown', 'application/json', [VULNERABILITY_REPORT_HARBOR_V10]],
      [
        'spelt without the space',
        'application/vnd.security.vulnerability.report;version=1.1',
        [VULNERABILITY_REPORT_HARBOR_V10],
      ],
    ])(
      'answers with the v1.0 fallback or the default when X-Accept-Vulnerabilities is %s',
      async (_, header, keys) => {
        const call = (reference: string) => {
          const r = get(
            `/projects/team-a/repositories/${reference}?with_scan_overview=true`,
          );
          return header ? r.set('X-Accept-Vulnerabilities', header) : r;
        };
        const web = await call('web/artifacts/v1.4.0').expect(200);
        const legacy = await call(
          'batch%252Fnightly-report/artifacts/2023.12',
        ).expect(200);
        const found = [
          ...Object.keys(web.body.scan_overview ?? {}),
          ...Object.keys(legacy.body.scan_overview ?? {}),
        ];
        expect(found).toEqual(keys);
      },
    );
  });

  describe('scanning', () => {
    const scanPath =
      '/api/v2.0/projects/library/repositories/redis/artifacts/7.2/scan';
    const overview = async () =>
      (
        await get(
          '/projects/library/repositories/redis/artifacts/7.2?with_scan_overview=true',
        ).expect(200)
      ).body.scan_overview?.[VULNERABILITY_REPORT_V11];

    it('goes Pending → Running → Success with the clock, answering 409 while a scan runs', async () => {
      await request(sim.url)
        .post(scanPath)
        .auth(...admin)
        .expect(202);
      expect((await overview()).scan_status).toBe('Pending');
      await request(sim.url)
        .post(scanPath)
        .auth(...admin)
        .expect(409);
      clock.advance(1_000);
      expect((await overview()).scan_status).toBe('Running');
      await request(sim.url)
        .post(scanPath)
        .auth(...admin)
        .expect(409);
      clock.advance(5_000);
      const done = await overview();
      expect(done).toMatchObject({
        scan_status: 'Success',
        severity: 'High',
        summary: { total: 2, summary: { High: 1, Medium: 1 } },
      });
      expect(done.duration).toBe(6);
      await request(sim.url)
        .post(scanPath)
        .auth(...admin)
        .expect(202);
    });

    it('answers 412 when no scanner is configured', async () => {
      sim.state.scanners.length = 0;
      const res = await request(sim.url)
        .post(scanPath)
        .auth(...admin)
        .expect(412);
      expect(res.body.errors[0].code).toBe('PRECONDITION');
    });

    it('needs scan:create: the read-only robot gets 403', async () => {
      await request(sim.url)
        .post(scanPath)
        .auth(...reader)
        .expect(403);
    });

    it('reports the project scanner and the registered scanners', async () => {
      const scanner = await request(sim.url)
        .get('/api/v2.0/projects/team-a/scanner')
        .auth(...admin)
        .expect(200);
      expect(scanner.body).toMatchObject({ name: 'Trivy', is_default: true });
      const all = await request(sim.url)
        .get('/api/v2.0/scanners')
        .auth(...admin)
        .expect(200);
      expect(all.body).toHaveLength(1);
    });
  });
});
