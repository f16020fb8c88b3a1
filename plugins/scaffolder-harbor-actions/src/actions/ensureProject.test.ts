import { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  clientsFor,
  harborConfig,
  runAction,
  startHarbor,
} from '../__testUtils__/harbor';
import { alice, testAuthorizer } from '../__testUtils__/permissions';
import { createEnsureProjectAction } from './ensureProject';

const GiB = 1024 ** 3;

describe('harbor:project:ensure', () => {
  let sim: HarborSimulator;
  let action: ReturnType<typeof createEnsureProjectAction>;
  let clients: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startHarbor();
    clients = clientsFor(harborConfig(sim));
    action = createEnsureProjectAction({
      clients,
      authorizer: testAuthorizer(),
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.clearLog());
  afterEach(() => sim.assertNoViolations());

  it('creates a private project with scan on push, severity blocking and a 10 GiB quota', async () => {
    const { outputs, error } = await runAction(action, {
      project: 'team-a',
      preventVulnerable: 'high',
      storageQuota: '10GiB',
    });
    expect(error).toBeUndefined();
    const project = sim.state.projectByName('team-a')!;
    expect(project.metadata).toMatchObject({
      public: 'false',
      auto_scan: 'true',
      prevent_vul: 'true',
      severity: 'high',
      reuse_sys_cve_allowlist: 'true',
    });
    const quota = sim.state.quotas.find(
      q => q.project_id === project.project_id,
    )!;
    expect(quota.hard).toBe(10 * GiB);
    expect(outputs.projectId).toBe(project.project_id);
    expect(outputs.projectUrl).toBe(
      `${sim.url}/harbor/projects/${project.project_id}`,
    );
    expect(outputs.repositoryPrefix).toBe(`${new URL(sim.url).host}/team-a`);
    // The owner, by default the initiator, recorded as the project's backstage.io/owner label.
    expect(sim.writes().map(w => w.operationId)).toEqual([
      'createProject',
      'CreateLabel',
    ]);
    expect(
      sim.state.labels.filter(l => l.project_id === project.project_id),
    ).toEqual([
      expect.objectContaining({
        name: 'backstage.io/owner',
        description: 'user:default/mock',
      }),
    ]);
  });

  it('makes no write on a second run and says everything is in place', async () => {
    const input = { project: 'twice', storageQuota: '500MiB' };
    await runAction(action, input);
    sim.clearLog();
    const { lines, outputs, error } = await runAction(action, input);
    expect(error).toBeUndefined();
    expect(sim.writes()).toEqual([]);
    expect(lines.map(l => l.message)).toContain(
      'Harbor project twice: everything is in place, nothing to change',
    );
    expect((outputs.plan as any[]).every(c => c.action === 'none')).toBe(true);
  });

  it('reports and reconciles a quota and a visibility changed in the Harbor UI', async () => {
    const input = { project: 'drifty', storageQuota: '10GiB' };
    await runAction(action, input);
    const project = sim.state.projectByName('drifty')!;
    sim.state.quotas.find(q => q.project_id === project.project_id)!.hard =
      20 * GiB;
    project.metadata.public = 'true';
    sim.clearLog();

    const { lines, outputs } = await runAction(action, input);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'drift on project drifty: public true → false; reconciling',
      'drift on quota of project drifty: storage 20 GiB → 10 GiB; reconciling',
    ]);
    expect(sim.writes().map(w => w.operationId)).toEqual([
      'updateProject',
      'updateQuota',
    ]);
    expect(project.metadata.public).toBe('false');
    expect(
      sim.state.quotas.find(q => q.project_id === project.project_id)!.hard,
    ).toBe(10 * GiB);
    expect((outputs.plan as any[]).map(c => c.action)).toEqual([
      'update',
      'update',
      'none',
    ]);
  });

  it('plans a new project in a dry run without writing anything', async () => {
    const { outputs, lines } = await runAction(
      action,
      { project: 'dry', storageQuota: '1TiB' },
      { dryRun: true },
    );
    expect(sim.writes()).toEqual([]);
    expect(sim.state.projectByName('dry')).toBeUndefined();
    expect(outputs.plan).toEqual([
      expect.objectContaining({ resource: 'project dry', action: 'create' }),
      {
        resource: 'quota of project dry',
        action: 'create',
        detail: 'storage 1 TiB',
      },
      {
        resource: 'owner of project dry',
        action: 'create',
        detail: 'backstage.io/owner label user:default/mock',
      },
    ]);
    expect(outputs.projectId).toBeUndefined();
    expect(lines.map(l => l.message)).toContain(
      'Harbor project dry: [dry run] 3 change(s) planned, nothing written',
    );
  });

  it('plans the drift of an existing project in a dry run and leaves it', async () => {
    await runAction(action, { project: 'dry-drift', storageQuota: '1GiB' });
    sim.clearLog();
    const { outputs } = await runAction(
      action,
      { project: 'dry-drift', storageQuota: '2GiB', public: true },
      { dryRun: true },
    );
    expect(sim.writes()).toEqual([]);
    expect((outputs.plan as any[]).map(c => c.detail)).toEqual([
      'public false → true',
      'storage 1 GiB → 2 GiB',
      'user:default/mock',
    ]);
  });

  it('adopts a project that exists already (a lost create answer) instead of failing on 409', async () => {
    await runAction(action, { project: 'adopted' });
    sim.faults.inject({ operationId: 'getProject', status: 404 });
    sim.clearLog();
    const { error } = await runAction(action, {
      project: 'adopted',
      public: true,
    });
    expect(error).toBeUndefined();
    expect(sim.state.projectByName('adopted')!.metadata.public).toBe('true');
  });

  it('sets an unlimited quota with -1', async () => {
    await runAction(action, { project: 'unlimited', storageQuota: '-1' });
    const project = sim.state.projectByName('unlimited')!;
    expect(
      sim.state.quotas.find(q => q.project_id === project.project_id)!.hard,
    ).toBe(-1);
  });

  describe('content trust and vulnerable-image blocking', () => {
    it('requires cosign and notation signatures and sets the severity gate from preventVulnerableImages', async () => {
      const { error } = await runAction(action, {
        project: 'trusted',
        contentTrust: { cosign: true, notation: true },
        preventVulnerableImages: { severity: 'critical' },
      });
      expect(error).toBeUndefined();
      expect(sim.state.projectByName('trusted')!.metadata).toMatchObject({
        enable_content_trust_cosign: 'true',
        enable_content_trust: 'true',
        prevent_vul: 'true',
        severity: 'critical',
      });
      sim.clearLog();
      const again = await runAction(action, {
        project: 'trusted',
        contentTrust: { cosign: true, notation: true },
        preventVulnerableImages: { severity: 'critical' },
      });
      expect(again.error).toBeUndefined();
      expect(sim.writes()).toEqual([]);
    });

    it('plans turning cosign on for an existing project in a dry run, then applies it', async () => {
      await runAction(action, { project: 'to-sign' });
      sim.clearLog();
      const input = { project: 'to-sign', contentTrust: { cosign: true } };
      const dry = await runAction(action, input, { dryRun: true });
      expect(sim.writes()).toEqual([]);
      expect(dry.outputs.plan).toEqual([
        {
          resource: 'project to-sign',
          action: 'update',
          detail: 'enable_content_trust_cosign (unset) → true',
        },
        {
          resource: 'owner of project to-sign',
          action: 'none',
          detail: 'user:default/mock',
        },
      ]);
      await runAction(action, input);
      expect(sim.writes().map(w => w.operationId)).toEqual(['updateProject']);
      expect(
        sim.state.projectByName('to-sign')!.metadata
          .enable_content_trust_cosign,
      ).toBe('true');
    });

    it('leaves content trust alone when the input does not mention it', async () => {
      await runAction(action, {
        project: 'kept-signed',
        contentTrust: { cosign: true },
      });
      sim.clearLog();
      const { error } = await runAction(action, { project: 'kept-signed' });
      expect(error).toBeUndefined();
      expect(sim.writes()).toEqual([]);
      expect(
        sim.state.projectByName('kept-signed')!.metadata
          .enable_content_trust_cosign,
      ).toBe('true');
    });

    it.each([
      [{ contentTrust: { cosign: 'yes' } }, 'contentTrust.cosign'],
      [{ contentTrust: { notary: true } }, 'notary: not an input'],
      [
        { preventVulnerableImages: { severity: 'severe' } },
        'preventVulnerableImages.severity',
      ],
      [
        {
          preventVulnerable: 'high',
          preventVulnerableImages: { severity: 'low' },
        },
        'not both',
      ],
    ])('refuses %j before any call to Harbor', async (bad, message) => {
      sim.clearLog();
      const { error } = await runAction(action, {
        project: 'bad-input',
        ...bad,
      });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(sim.requestLog).toEqual([]);
    });
  });

  describe('a failure before the owner is recorded', () => {
    const ownerLabels = (project: string) =>
      sim.state.labels.filter(
        l =>
          l.project_id === sim.state.projectByName(project)?.project_id &&
          l.name === 'backstage.io/owner',
      );

    it('on a first run removes the project it created, so that the same team user re-runs it', async () => {
      sim.clearLog();
      sim.faults.inject({ operationId: 'CreateLabel', status: 500 });
      const first = await runAction(
        action,
        { project: 'half-made' },
        { credentials: alice },
      );
      expect(first.error?.message).toContain('CreateLabel');
      expect(sim.state.projectByName('half-made')).toBeUndefined();
      expect(sim.writes().map(w => w.operationId)).toEqual([
        'createProject',
        'CreateLabel',
        'deleteProject',
      ]);
      expect(first.lines).toContainEqual(
        expect.objectContaining({
          level: 'info',
          message: expect.stringContaining(
            "Removed Harbor project 'half-made'",
          ),
        }),
      );

      // alice (team-a, not the platform team) could not adopt it; the project is new again, so she creates it.
      const second = await runAction(
        action,
        { project: 'half-made' },
        { credentials: alice },
      );
      expect(second.error).toBeUndefined();
      expect(ownerLabels('half-made')).toEqual([
        expect.objectContaining({ description: 'user:default/alice' }),
      ]);
    });

    it('keeps the original error when the removal fails too, and warns naming the project', async () => {
      sim.faults.inject({ operationId: 'CreateLabel', status: 500 });
      sim.faults.inject({ operationId: 'deleteProject', status: 500 });
      const { error, lines } = await runAction(
        action,
        { project: 'half-kept' },
        { credentials: alice },
      );
      expect(error?.message).toContain('CreateLabel');
      expect(sim.state.projectByName('half-kept')).toBeDefined();
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringContaining(
            "Could not remove Harbor project 'half-kept'",
          ),
        }),
      );
    });

    it('on a re-run of a project with an owner removes nothing', async () => {
      await runAction(action, { project: 'owned' }, { credentials: alice });
      sim.clearLog();
      sim.faults.inject({ operationId: 'updateProject', status: 500 });
      const { error } = await runAction(
        action,
        { project: 'owned', public: true },
        { credentials: alice },
      );
      expect(error?.message).toContain('updateProject');
      expect(sim.writes().map(w => w.operationId)).toEqual(['updateProject']);
      expect(ownerLabels('owned')).toEqual([
        expect.objectContaining({ description: 'user:default/alice' }),
      ]);
    });

    it('in a dry run removes nothing', async () => {
      // A project without an owner that the check does not see (404), so the run takes it for one it creates;
      // the reconciler's read of it then fails.
      await clients.forInstance().projects.create({ project_name: 'unseen' });
      sim.clearLog();
      sim.faults.inject({ operationId: 'getProject', status: 404 });
      sim.faults.inject({ operationId: 'getProject', onCall: 2, status: 500 });
      const { error } = await runAction(
        action,
        { project: 'unseen' },
        { credentials: alice, dryRun: true },
      );
      expect(error?.message).toContain('getProject');
      expect(sim.writes()).toEqual([]);
      expect(sim.state.projectByName('unseen')).toBeDefined();
    });
  });
});
