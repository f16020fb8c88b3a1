import { Harness, startHarness } from '../__testUtils__/harness';

describe('harbor:webhook:ensure', () => {
  let h: Harness;
  const run = (input: any, options?: { dryRun?: boolean }) =>
    h.run('harbor:webhook:ensure', input, options);
  const policyOf = (project: string, name: string) => {
    const p = h.sim.state.projectByName(project)!;
    return h.sim.state.webhookPolicies.find(
      w => w.project_id === p.project_id && w.name === name,
    );
  };
  const input = {
    project: 'team-a',
    name: 'deployer',
    url: 'https://deployer.example.com/hooks/harbor',
    events: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.run('harbor:project:ensure', { project: 'team-a' });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  it('creates the policy with one http target', async () => {
    const { outputs, error } = await run(input);
    expect(error).toBeUndefined();
    const policy = policyOf('team-a', 'deployer')!;
    expect(outputs.webhookId).toBe(policy.id);
    expect(policy).toMatchObject({
      enabled: true,
      event_types: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
      targets: [
        expect.objectContaining({
          type: 'http',
          address: 'https://deployer.example.com/hooks/harbor',
          payload_format: 'Default',
          skip_cert_verify: false,
        }),
      ],
    });
  });

  it('makes no write on a second run, whatever the order of the events', async () => {
    await run({ ...input, events: ['SCANNING_COMPLETED', 'PUSH_ARTIFACT'] });
    expect(h.sim.writes()).toEqual([]);
  });

  it('reconciles an address changed in the UI and keeps an auth header set there', async () => {
    const policy = policyOf('team-a', 'deployer')! as any;
    policy.targets[0].address = 'https://elsewhere.example.com';
    policy.targets[0].auth_header = 'Bearer set-in-the-ui';
    const { lines } = await run(input);
    expect(h.sim.writes().map(w => w.operationId)).toEqual([
      'UpdateWebhookPolicyOfProject',
    ]);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'drift on webhook deployer of project team-a: address https://elsewhere.example.com → https://deployer.example.com/hooks/harbor; reconciling',
    ]);
    const updated = policyOf('team-a', 'deployer')! as any;
    expect(updated.targets[0].address).toBe(input.url);
    expect(updated.targets[0].auth_header).toBe('Bearer set-in-the-ui');
  });

  it('plans a new policy in a dry run without writing', async () => {
    const { outputs } = await run(
      { ...input, name: 'other' },
      { dryRun: true },
    );
    expect(h.sim.writes()).toEqual([]);
    expect((outputs.plan as any[]).map(c => c.action)).toEqual(['create']);
  });
});
