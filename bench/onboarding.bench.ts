/**
 * Benchmark of the Harbor scaffolder actions (issue 6) against the Harbor and Kubernetes simulators over HTTP:
 * the Harbor calls of one full onboarding (project, quota, two robots, retention, immutability, members, webhook;
 * goal ≤ 15), the calls and writes of a rerun (goal 0 writes), and the time to onboard 100 projects in a row.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/onboarding.bench.ts [count]
 */
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  DEFAULT_ADMIN_TOKEN,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import { ConfigReader } from '@backstage/config';
import { createHarborActions } from '../plugins/scaffolder-harbor-actions/src/actions';
// The same onboarding the fault-at-every-step tests run.
import { onboardingSteps as steps } from '../plugins/scaffolder-harbor-actions/src/__testUtils__/onboarding';

const COUNT = Number(process.argv[2] ?? 100);

const silent: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silent,
};

async function main() {
  const harbor = await startHarborSimulator({
    port: 0,
    seed: 'empty',
    validation: 'throw',
  });
  const k8s = await startKubernetesSimulator({ port: 0 });
  const config = {
    harbor: {
      baseUrl: harbor.url,
      username: harbor.adminCredentials.username,
      password: harbor.adminCredentials.password,
      robotSecrets: {
        namespace: 'harbor',
        cluster: {
          url: k8s.url,
          token: DEFAULT_ADMIN_TOKEN.token,
          skipTLSVerify: true,
        },
      },
      members: { groupType: 'oidc' },
    },
  };
  const reader = new ConfigReader(config);
  const actions = new Map(
    createHarborActions({
      clients: HarborClients.fromConfig(reader),
      config: reader,
    }).map(a => [a.id, a]),
  );

  async function onboard(project: string, dryRun = false) {
    for (const [id, input] of steps(project)) {
      await actions.get(id)!.handler({
        input,
        logger: silent,
        isDryRun: dryRun,
        output: () => {},
        task: { id: 'bench' },
        workspacePath: '/tmp',
      } as any);
    }
  }

  const count = () => ({
    harbor: harbor.requestLog.length,
    harborWrites: harbor.writes().length,
    k8s: k8s.requestLog.entries.length,
    k8sWrites: k8s.requestLog.writes().length,
  });
  const byOperation = () =>
    harbor.requestLog.map(e => `${e.method} ${e.operationId}`).join(', ');

  // Warm-up (JIT, connection pool, spec validators), on its own project.
  await onboard('warm-up');

  harbor.clearLog();
  k8s.requestLog.clear();
  await onboard('bench-first', true);
  const dry = count();

  harbor.clearLog();
  k8s.requestLog.clear();
  await onboard('bench-first');
  const first = count();
  const firstCalls = byOperation();

  harbor.clearLog();
  k8s.requestLog.clear();
  await onboard('bench-first');
  const rerun = count();
  const rerunCalls = byOperation();

  const durations: number[] = [];
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const t = performance.now();
    await onboard(`bench-${i}`);
    durations.push(performance.now() - t);
  }
  const total = performance.now() - started;
  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[
      Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))
    ];

  const result = {
    fullOnboarding: { ...first, calls: firstCalls },
    rerun: { ...rerun, calls: rerunCalls },
    dryRunOfNewProject: dry,
    [`onboard${COUNT}InARow`]: {
      totalMs: Math.round(total),
      perProjectMs: {
        mean: +(total / COUNT).toFixed(1),
        p50: +pct(50).toFixed(1),
        p95: +pct(95).toFixed(1),
        max: +durations.at(-1)!.toFixed(1),
      },
    },
    goals: {
      harborCallsAtMost15: first.harbor <= 15,
      zeroWritesOnRerun: rerun.harborWrites === 0 && rerun.k8sWrites === 0,
    },
  };
  // eslint-disable-next-line no-console
  console.log(JSON.stringify(result, null, 2));
  harbor.assertNoViolations();
  await harbor.stop();
  await k8s.stop();
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
