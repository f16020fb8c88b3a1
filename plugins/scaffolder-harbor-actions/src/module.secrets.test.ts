import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { Harness, startHarness } from './__testUtils__/harness';
import { onboard } from './__testUtils__/onboarding';
import {
  capturingRootLogger,
  startScaffolder,
} from './__testUtils__/scaffolder';
import { DEFAULT_ADMIN_TOKEN } from '@backstage-harbor/kubernetes-simulator';

jest.setTimeout(60_000);

const VALUES = {
  owner: 'group:default/team-a',
  project: 'secret-search',
  storageQuota: '10GiB',
  public: false,
  preventVulnerable: 'critical',
  retention: 'pulled-within',
  retentionCount: 10,
  retentionDays: 30,
  protectReleaseTags: true,
  robots: [
    { name: 'ci', access: 'pull+push' },
    { name: 'deploy', access: 'pull' },
  ],
};

describe('no credential leaves the backend', () => {
  let h: Harness;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const backendLog: string[] = [];
  /** Every robot secret Harbor ever generated in these runs. */
  const secrets = new Set<string>();
  const remember = () => h.sim.state.robots.forEach(r => secrets.add(r.secret));

  beforeAll(async () => {
    h = await startHarness();
    scaffolder = await startScaffolder(scaffolderPlugin, h.config, {
      extraFeatures: [capturingRootLogger(backendLog)],
    });
  });
  afterAll(async () => {
    await scaffolder.backend.stop();
    await h.stop();
  });

  it('shows no robot secret, Harbor password or cluster token in any log line, output, error or HTTP response', async () => {
    const seen: string[] = [];

    // A dry run, a real run, a run that fails after the robots were created, and the rerun that refreshes.
    const dry = await scaffolder.dryRun(VALUES);
    seen.push(dry.text);
    const first = await scaffolder.runTask(VALUES);
    expect(first.task.status).toBe('completed');
    seen.push(...first.responses);
    remember();

    const failing = { ...VALUES, project: 'secret-search-fail' };
    h.k8s.faults.inject({
      verb: 'create',
      resource: 'secrets',
      status: 500,
      message: 'etcd is sad',
    });
    const failed = await scaffolder.runTask(failing);
    expect(failed.task.status).toBe('failed');
    seen.push(...failed.responses);
    remember();
    const rerun = await scaffolder.runTask(failing);
    expect(rerun.task.status).toBe('completed');
    seen.push(...rerun.responses);
    remember();
    expect(
      rerun.events.some(e =>
        /refresh-secret robot robot\$secret-search-fail\+ci/.test(
          e.body?.message ?? '',
        ),
      ),
    ).toBe(true);

    // The actions directly: log lines, outputs and a thrown error (a Harbor fault on the refresh).
    const direct = await onboard(h, 'secret-search-direct');
    expect(direct.error).toBeUndefined();
    remember();
    h.k8s.remove(
      'v1',
      'Secret',
      'harbor',
      'harbor-robot-secret-search-direct-ci',
    );
    h.k8s.faults.inject({ verb: 'create', resource: 'secrets', status: 403 });
    const broken = await onboard(h, 'secret-search-direct');
    expect(broken.error).toBeDefined();
    remember();
    seen.push(
      ...direct.lines,
      JSON.stringify(direct.outputs),
      ...broken.lines,
      JSON.stringify(broken.outputs),
      `${broken.error!.name} ${broken.error!.message} ${
        broken.error!.stack
      } ${JSON.stringify(broken.error)}`,
      `${String((broken.error as any).cause)}`,
    );
    seen.push(...backendLog);

    const everything = seen.join('\n');
    // The search covers real content: task logs, outputs and the backend's own log lines.
    expect(
      everything.includes('refresh-secret robot robot$secret-search-fail+ci'),
    ).toBe(true);
    expect(
      everything.includes(
        'write-secret Secret harbor-robot-secret-search-direct-ci',
      ),
    ).toBe(true);
    expect(backendLog.some(l => l.includes('harbor:robot:ensure'))).toBe(true);
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(everything.length).toBeGreaterThan(10_000);
    // Booleans, so that a failure does not print the very credential it found.
    const leaked = [...secrets].filter(secret => everything.includes(secret));
    expect(leaked.length).toBe(0);
    expect(everything.includes(h.sim.adminCredentials.password)).toBe(false);
    expect(everything.includes(DEFAULT_ADMIN_TOKEN.token)).toBe(false);
    // The credentials did reach where they belong.
    expect(
      JSON.stringify(h.k8s.list('v1', 'Secret', 'harbor')),
    ).not.toHaveLength(0);
  });
});
