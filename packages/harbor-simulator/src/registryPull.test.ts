import request from 'supertest';
import { ManualClock } from './clock';
import { HarborSimulator, startHarborSimulator } from './server';

describe('pulls under the projects’ deployment security (POST /_simulator/pull)', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  const pull = (project: string, repository: string, reference: string) =>
    request(sim.url)
      .post('/_simulator/pull')
      .auth(...admin)
      .send({ project, repository, reference });

  it('serves a cosign-signed artifact when cosign content trust is on', async () => {
    const res = await pull('platform', 'team/app', '2.3.1').expect(200);
    expect(res.body.digest).toMatch(/^sha256:/);
  });

  it('refuses an unsigned artifact with 412 PROJECTPOLICYVIOLATION when cosign content trust is on', async () => {
    const res = await pull('platform', 'team/worker', 'latest').expect(412);
    expect(res.body).toEqual({
      errors: [
        {
          code: 'PROJECTPOLICYVIOLATION',
          message: 'The image is not signed by cosign.',
        },
      ],
    });
  });

  it('asks for a notation signature when enable_content_trust is on', async () => {
    sim.state.projectByName('library')!.metadata.enable_content_trust = 'true';
    const res = await pull('library', 'alpine', '3.20').expect(412);
    expect(res.body.errors[0].message).toBe(
      'The image is not signed by notation.',
    );
    sim.push({
      project: 'library',
      repository: 'alpine',
      tags: ['3.21'],
      notationSigned: true,
    });
    await pull('library', 'alpine', '3.21').expect(200);
  });

  it('refuses artifacts with vulnerabilities at or above the prevent_vul severity, counting them', async () => {
    // team-a prevents "high": v1.0.0 has log4shell and spring4shell (Critical) and openssl (High).
    const res = await pull('team-a', 'web', 'v1.0.0').expect(412);
    expect(res.body.errors[0].message).toMatch(
      /^current image with \d+ vulnerabilities cannot be pulled due to configured policy in 'Prevent images with vulnerability severity of "High" or higher from running\.'/,
    );
    await pull('team-a', 'web', 'v1.4.1').expect(200);
  });

  it('refuses an artifact whose scan failed or that was never scanned when prevent_vul is on', async () => {
    const failed = await pull('team-a', 'api', 'latest').expect(412);
    expect(failed.body.errors[0].message).toContain(
      'current image with "Error" status of vulnerability scanning cannot be pulled',
    );
    sim.push({ project: 'team-a', repository: 'api', tags: ['2.2.0'] });
    const unscanned = await pull('team-a', 'api', '2.2.0').expect(412);
    expect(unscanned.body.errors[0].message).toContain(
      'current image without vulnerability scanning cannot be pulled',
    );
  });

  it('lets CVEs on the project allowlist through', async () => {
    const teamA = sim.state.projectByName('team-a')!;
    teamA.metadata.severity = 'low';
    teamA.metadata.reuse_sys_cve_allowlist = 'false';
    expect((await pull('team-a', 'web', 'v1.4.0')).status).toBe(412);
    const artifact = sim.state.artifacts.find(a =>
      a.tags.some(t => t.name === 'v1.4.0'),
    )!;
    teamA.cve_allowlist.items = artifact.scans[0].vulnerabilities.map(v => ({
      cve_id: v.id,
    }));
    expect((await pull('team-a', 'web', 'v1.4.0')).status).toBe(200);
  });

  it('needs repository:pull and answers 404 for an unknown reference', async () => {
    await request(sim.url)
      .post('/_simulator/pull')
      .send({ project: 'team-a', repository: 'web', reference: 'latest' })
      .expect(401);
    const missing = await pull('team-a', 'web', 'nope').expect(404);
    expect(missing.body.errors[0].code).toBe('NOT_FOUND');
  });

  it('records a successful pull in the audit log with the caller, and updates the pull count', async () => {
    const before = sim.state.auditLogs.length;
    const repository = sim.state.repositoryByName('team-a/web')!;
    const count = repository.pull_count;
    await pull('team-a', 'web', 'v1.4.1').expect(200);
    await pull('team-a', 'web', 'v1.0.0').expect(412);
    expect(sim.state.auditLogs.slice(before)).toEqual([
      expect.objectContaining({
        username: 'admin',
        operation: 'pull',
        resource_type: 'artifact',
        resource: 'team-a/web:v1.4.1',
      }),
    ]);
    expect(repository.pull_count).toBe(count + 1);
  });
});
