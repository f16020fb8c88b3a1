import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('artifact accessories (signatures and SBOMs)', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const base = '/api/v2.0/projects/team-a/repositories/web/artifacts';

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('lists a signed artifact’s cosign signature and SBOM with with_accessory=true', async () => {
    const res = await request(sim.url)
      .get(base)
      .query({ with_accessory: true, page_size: 100 })
      .auth(...admin)
      .expect(200);
    const latest = res.body.find((a: any) =>
      a.tags?.some((t: any) => t.name === 'latest'),
    );
    expect(latest.accessories.map((a: any) => a.type).sort()).toEqual([
      'harbor.sbom',
      'signature.cosign',
    ]);
    expect(latest.accessories[0]).toMatchObject({
      subject_artifact_digest: latest.digest,
      subject_artifact_repo: 'team-a/web',
      digest: expect.stringMatching(/^sha256:/),
    });
    const old = res.body.find((a: any) =>
      a.tags?.some((t: any) => t.name === 'v1.0.0'),
    );
    expect(old.accessories).toEqual([]);
  });

  it('leaves accessories out unless asked', async () => {
    const res = await request(sim.url)
      .get(`${base}/latest`)
      .auth(...admin)
      .expect(200);
    expect(res.body.accessories).toBeUndefined();
  });

  it('lists accessories of one artifact with paging headers', async () => {
    const res = await request(sim.url)
      .get(`${base}/latest/accessories`)
      .auth(...admin)
      .expect(200);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.body.map((a: any) => a.type).sort()).toEqual([
      'harbor.sbom',
      'signature.cosign',
    ]);
  });

  it('attaches notation signatures and SBOMs to pushed artifacts when asked', async () => {
    const artifact = sim.push({
      project: 'team-a',
      repository: 'web',
      tags: ['v2.0.0'],
      notationSigned: true,
      sbom: true,
    });
    const res = await request(sim.url)
      .get(`${base}/${artifact.digest}/accessories`)
      .auth(...admin)
      .expect(200);
    expect(res.body.map((a: any) => a.type).sort()).toEqual([
      'harbor.sbom',
      'signature.notation',
    ]);
  });
});
