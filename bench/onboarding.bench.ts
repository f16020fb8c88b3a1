/**
 * Benchmark of the Harbor scaffolder actions (issue 6) against the Harbor and Kubernetes simulators over HTTP:
 * the Harbor calls of one full onboarding (project, quota, two robots, retention, immutability, members, webhook;
 * goal ≤ 15), the calls and writes of a rerun (goal 0 writes), and the time to onboard 100 projects in a row.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/onboarding.bench.ts [count]
 */
/* eslint-disable no-console */
import {
  HarborSimulator,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import {
  DEFAULT_ADMIN_TOKEN,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import { ConfigReader } from '@backstage/config';
import { performance } from 'node:perf_hooks';
import { createHarborActions } from '../plugins/scaffolder-harbor-actions/src/actions';
// The same onboarding the fault-at-every-step tests run.
import { onboardingSteps as steps } from '../plugins/scaffolder-harbor-actions/src/__testUtils__/onboarding';
import { silentLogger } from './lib/silentLogger';
import { percentile, round } from './lib/stats';

const COUNT = Number(process.argv[2] ?? 100);

type KubernetesSimulator = Awaited<ReturnType<typeof startKubernetesSimulator>>;

/** Runs every onboarding step's action for `project`. */
type Onboard = (project: string, dryRun?: boolean) => Promise<void>;

/** The scaffolder actions configured for the two simulators. */
function onboarding(
  harbor: HarborSimulator,
  k8s: KubernetesSimulator,
): Onboard {
  const reader = new ConfigReader({
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
  });
  const actions = new Map(
    createHarborActions({
      clients: HarborClients.fromConfig(reader),
      config: reader,
    }).map(a => [a.id, a]),
  );
  return async (project, dryRun = false) => {
    for (const [id, input] of steps(project)) {
      await actions.get(id)!.handler({
        input,
        logger: silentLogger,
        isDryRun: dryRun,
        output: () => {},
        task: { id: 'bench' },
        workspacePath: '/tmp',
      } as any);
    }
  };
}

/** The calls and writes to both simulators of one onboarding of `project`, and Harbor's operations. */
async function countCalls(
  harbor: HarborSimulator,
  k8s: KubernetesSimulator,
  run: () => Promise<void>,
) {
  harbor.clearLog();
  k8s.requestLog.clear();
  await run();
  return {
    harbor: harbor.requestLog.length,
    harborWrites: harbor.writes().length,
    k8s: k8s.requestLog.entries.length,
    k8sWrites: k8s.requestLog.writes().length,
    calls: harbor.requestLog
      .map(e => `${e.method} ${e.operationId}`)
      .join(', '),
  };
}

/** COUNT new projects onboarded one after the other: total and per-project times in ms. */
async function onboardInARow(onboard: Onboard) {
  const durations: number[] = [];
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const t = performance.now();
    await onboard(`bench-${i}`);
    durations.push(performance.now() - t);
  }
  const total = performance.now() - started;
  durations.sort((a, b) => a - b);
  return {
    totalMs: Math.round(total),
    perProjectMs: {
      mean: round(total / COUNT, 1),
      p50: round(percentile(durations, 0.5), 1),
      p95: round(percentile(durations, 0.95), 1),
      max: round(durations.at(-1)!, 1),
    },
  };
}

async function main() {
  const harbor = await startHarborSimulator({
    port: 0,
    seed: 'empty',
    validation: 'throw',
  });
  const k8s = await startKubernetesSimulator({ port: 0 });
  const onboard = onboarding(harbor, k8s);
  // Warm-up (JIT, connection pool, spec validators), on its own project.
  await onboard('warm-up');

  const { calls: _calls, ...dry } = await countCalls(harbor, k8s, () =>
    onboard('bench-first', true),
  );
  const first = await countCalls(harbor, k8s, () => onboard('bench-first'));
  const rerun = await countCalls(harbor, k8s, () => onboard('bench-first'));
  const result = {
    fullOnboarding: first,
    rerun,
    dryRunOfNewProject: dry,
    [`onboard${COUNT}InARow`]: await onboardInARow(onboard),
    goals: {
      harborCallsAtMost15: first.harbor <= 15,
      zeroWritesOnRerun: rerun.harborWrites === 0 && rerun.k8sWrites === 0,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  harbor.assertNoViolations();
  await harbor.stop();
  await k8s.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
