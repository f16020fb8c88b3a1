import { inspect } from 'node:util';
import {
  MigrationRig,
  REGISTRY_PASSWORD,
  RULES,
  startMigrationRig,
} from '../migration/__testUtils__/migration';

const ID = 'harbor:migration:replicate';

describe('harbor:migration:replicate against a real docker-registry and the Harbor simulator', () => {
  let rig: MigrationRig;
  /** Every log line, output and error of every run, for the secret search. */
  const seen: string[] = [];
  const run = async (input: Record<string, unknown>, dryRun = false) => {
    const result = await rig.run(ID, input as any, { dryRun });
    seen.push(
      JSON.stringify(result.lines),
      JSON.stringify(result.outputs),
      result.error ? `${result.error.message} ${inspect(result.error)}` : '',
    );
    return result;
  };
  const ops = () => rig.sim.writes().map(w => w.operationId);
  beforeAll(async () => {
    rig = await startMigrationRig({ executionDurationMs: 20_000 });
  }, 60_000);
  afterAll(() => rig?.stop());
  beforeEach(() => {
    rig.sim.clearLog();
    rig.freezeHarbor = false;
    rig.onPoll = undefined;
  });
  afterEach(() => rig.sim.assertNoViolations());

  it('plans the registry endpoint, one policy per project and their executions in a dry run, writing nothing', async () => {
    const { outputs, error } = await run({ rules: RULES }, true);
    expect(error).toBeUndefined();
    expect(ops()).toEqual([]);
    expect(rig.sim.state.registries).toEqual([]);
    expect(
      (outputs.plan as any[]).map(c => `${c.action} ${c.resource}`),
    ).toEqual([
      'create registry endpoint old-registry',
      'create replication policy migrate-old-registry-to-team-a',
      'create replication of migrate-old-registry-to-team-a',
      'create replication policy migrate-old-registry-to-team-b',
      'create replication of migrate-old-registry-to-team-b',
      'create replication policy migrate-old-registry-to-legacy',
      'create replication of migrate-old-registry-to-legacy',
    ]);
    expect(outputs.verification).toMatchObject({
      complete: false,
      matchingTags: 0,
      missingTags: 9,
    });
    expect(outputs.registryId).toBeUndefined();
  });

  it('registers the old registry, creates the policies, tracks the executions to Succeed and verifies', async () => {
    // The simulator's executions read the old registry and store what they copy: nothing is arranged by hand.
    const { outputs, error, lines } = await run({ rules: RULES });
    expect(error).toBeUndefined();

    expect(rig.sim.state.registries).toHaveLength(1);
    const registry = rig.sim.state.registries[0];
    expect(registry).toMatchObject({
      name: 'old-registry',
      type: 'docker-registry',
      url: rig.registry.url,
      credential: {
        type: 'basic',
        access_key: 'migrator',
        access_secret: REGISTRY_PASSWORD,
      },
    });
    expect(outputs.registryId).toBe(registry.id);

    const policies = rig.sim.state.replicationPolicies;
    expect(
      policies.map(p => ({
        name: p.name,
        src: p.src_registry?.id,
        dest: p.dest_registry,
        ns: p.dest_namespace,
        count: p.dest_namespace_replace_count,
        filters: p.filters,
        trigger: p.trigger?.type,
      })),
    ).toEqual([
      {
        name: 'migrate-old-registry-to-team-a',
        src: registry.id,
        dest: undefined,
        ns: 'team-a',
        count: 1,
        filters: [{ type: 'name', value: '{team-a/api,team-a/web}' }],
        trigger: 'manual',
      },
      {
        name: 'migrate-old-registry-to-team-b',
        src: registry.id,
        dest: undefined,
        ns: 'team-b',
        count: 1,
        filters: [{ type: 'name', value: 'team-b/tools/cli' }],
        trigger: 'manual',
      },
      {
        name: 'migrate-old-registry-to-legacy',
        src: registry.id,
        dest: undefined,
        ns: 'legacy',
        count: 0,
        filters: [{ type: 'name', value: 'legacy-app' }],
        trigger: 'manual',
      },
    ]);
    expect(ops()).toEqual([
      'createRegistry',
      'createReplicationPolicy',
      'startReplication',
      'createReplicationPolicy',
      'startReplication',
      'createReplicationPolicy',
      'startReplication',
    ]);
    expect((outputs.policies as any[]).map(p => [p.project, p.status])).toEqual(
      [
        ['team-a', 'Succeed'],
        ['team-b', 'Succeed'],
        ['legacy', 'Succeed'],
      ],
    );
    expect(outputs.verification).toEqual({
      complete: true,
      matchingTags: 9,
      missingTags: 0,
      mismatchedTags: 0,
      repositories: [],
    });
    expect(lines.map(l => l.message)).toContain(
      'Verification: all 9 tags are in Harbor with the same digests',
    );
  });

  it('makes no write on a second run once everything is in Harbor', async () => {
    const { outputs, error } = await run({ rules: RULES });
    expect(error).toBeUndefined();
    expect(ops()).toEqual([]);
    expect((outputs.plan as any[]).every(c => c.action === 'none')).toBe(true);
    expect((outputs.policies as any[]).map(p => p.status)).toEqual([
      'Complete',
      'Complete',
      'Complete',
    ]);
  });

  it('replicates again only the project whose repository got a new tag, without new registries or policies', async () => {
    await rig.pushOld('team-a/web', ['v3'], 'web-3');
    const { outputs, error } = await run({ rules: RULES });
    expect(error).toBeUndefined();
    expect(ops()).toEqual(['startReplication']);
    expect(rig.sim.state.registries).toHaveLength(1);
    expect(rig.sim.state.replicationPolicies).toHaveLength(3);
    expect((outputs.policies as any[]).map(p => [p.project, p.status])).toEqual(
      [
        ['team-a', 'Succeed'],
        ['team-b', 'Complete'],
        ['legacy', 'Complete'],
      ],
    );
  });

  it('fails after a successful execution when a tag still differs in Harbor, and says which', async () => {
    await rig.pushOld('team-b/tools/cli', ['1.0'], 'cli-1');
    // Someone pushed 1.0 to Harbor directly and switched the policy's override off in the Harbor UI (the action
    // does not manage it): the execution succeeds, skipping the tag, as Harbor does.
    rig.sim.push({
      project: 'team-b',
      repository: 'tools/cli',
      tags: ['1.0'],
      digest: `sha256:${'e'.repeat(64)}`,
    });
    const policy = rig.sim.state.replicationPolicies.find(
      p => p.name === 'migrate-old-registry-to-team-b',
    )!;
    policy.override = false;
    const { outputs, error } = await run({ rules: RULES });
    policy.override = true;
    expect(error?.name).toBe('ServiceUnavailableError');
    expect(error?.message).toContain(
      'Replication succeeded but 0 tag(s) are missing in Harbor and 1 have another digest',
    );
    expect(outputs.verification).toEqual({
      complete: false,
      matchingTags: 10,
      missingTags: 0,
      mismatchedTags: 1,
      repositories: [
        {
          source: 'team-b/tools/cli',
          target: 'team-b/tools/cli',
          missing: [],
          mismatched: ['1.0'],
        },
      ],
    });
  });

  it('stops tracking at the timeout and a rerun tracks the running execution instead of starting another', async () => {
    // The copy is held before its first tag, so the execution is really still copying across both runs (its
    // tags not in Harbor yet), as a big first replication is when the action's timeout ends its tracking.
    let release = rig.sim.app.replicationJobs.hold();
    try {
      rig.freezeHarbor = true;
      const first = await run({ rules: RULES, timeoutMinutes: 1 });
      expect(first.error?.message).toMatch(
        /^Replication still in progress after 1 minutes: migrate-old-registry-to-team-b \(execution \d+\); it goes on in Harbor/,
      );
      expect(ops()).toEqual(['startReplication']);
      const executionId = (first.outputs.policies as any[]).find(
        p => p.project === 'team-b',
      ).executionId;
      const execution = rig.sim.state.replicationExecutions.find(
        e => e.id === executionId,
      )!;
      expect(execution.copy?.done).toBe(false);
      expect(execution.copy?.tasks.map(t => t.status)).toEqual(['InProgress']);

      // The rerun finds the execution still running and tracks it; the copy goes on during its first poll.
      rig.sim.clearLog();
      rig.freezeHarbor = false;
      let polls = 0;
      rig.onPoll = async () => {
        if (polls++ > 0) return;
        expect(execution.copy?.done).toBe(false);
        release();
        await rig.sim.replicationsSettled();
      };
      const second = await run({ rules: RULES });
      expect(second.error).toBeUndefined();
      expect(polls).toBeGreaterThan(0);
      expect(ops()).toEqual([]);
      // The running execution is looked up in one request of one item per policy still to replicate.
      const lookups = rig.sim.requestLog.filter(
        r => r.operationId === 'listReplicationExecutions',
      );
      expect(lookups.map(r => r.query)).toEqual([
        expect.objectContaining({
          policy_id: String(execution.policy_id),
          status: 'InProgress',
          page: '1',
          page_size: '1',
        }),
      ]);
      expect(
        (second.outputs.policies as any[]).find(p => p.project === 'team-b'),
      ).toMatchObject({ executionId, status: 'Succeed' });
      expect(second.lines.map(l => l.message)).toContain(
        'Verification: all 11 tags are in Harbor with the same digests',
      );
      expect(execution.copy?.tasks.map(t => t.status)).toEqual(['Succeed']);
    } finally {
      release();
      release = () => {};
    }
  });

  it('reconciles a policy changed in the Harbor UI', async () => {
    const policy = rig.sim.state.replicationPolicies.find(
      p => p.name === 'migrate-old-registry-to-legacy',
    )!;
    policy.filters = [{ type: 'name', value: '**' }];
    const { error, lines } = await run({ rules: RULES });
    expect(error).toBeUndefined();
    expect(ops()).toEqual(['updateReplicationPolicy']);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'drift on replication policy migrate-old-registry-to-legacy: name filter; reconciling',
    ]);
    expect(policy.filters).toEqual([{ type: 'name', value: 'legacy-app' }]);
  });

  it('rejects bad rules with the field and the rule, before any request to Harbor', async () => {
    const { error } = await run({
      rules: [{ prefix: 'team-a', project: 'Team A' }],
    });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      "rules.0.prefix: must be empty (every repository) or whole repository path components each followed by '/'",
    );
    expect(error?.message).toContain(
      'rules.0.project: must be lower-case letters and digits',
    );
    expect(rig.sim.requestLog).toEqual([]);
  });

  it('rejects a shadowed rule and credentials as inputs, before any request to Harbor', async () => {
    const shadowed = await run({
      rules: [
        { prefix: '', project: 'legacy' },
        { prefix: 'team-a/', project: 'team-a' },
      ],
    });
    expect(shadowed.error?.message).toContain(
      "rules[1].prefix: 'team-a/' never matches because rules[0] (prefix '') matches first",
    );
    const credential = await run({ rules: RULES, registryPassword: 'x' });
    expect(credential.error?.message).toContain(
      'registryPassword: not an input of harbor:migration:replicate; Harbor credentials are never action inputs',
    );
    expect(rig.sim.requestLog).toEqual([]);
  });

  it('refuses a target project that does not exist, with zero writes', async () => {
    const { error } = await run({
      rules: [
        { prefix: 'team-a/', project: 'team-a' },
        { prefix: '', project: 'not-there' },
      ],
    });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toBe(
      'rules: the target project(s) not-there do not exist in Harbor; create them first with harbor:project:ensure',
    );
    expect(ops()).toEqual([]);
  });

  it('never shows the registry password or the Harbor password in logs, outputs or errors', () => {
    const text = seen.join('\n');
    expect(text.length).toBeGreaterThan(1000);
    const harborPassword = (rig.config as any).harbor.password;
    for (const secret of [
      REGISTRY_PASSWORD,
      Buffer.from(`migrator:${REGISTRY_PASSWORD}`).toString('base64'),
      harborPassword,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
