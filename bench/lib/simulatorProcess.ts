/*
 * A Harbor simulator alone in a child process, so that it has a core of its own and the load generator or backend
 * in the benchmark's process does not share its event loop.
 */
import {
  AddArtifactsOptions,
  HarborValidationMode,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { ChildProcess, fork } from 'node:child_process';

export interface SimulatorProcessOptions {
  validation: HarborValidationMode;
  /** Repositories added to the demo seed. */
  artifacts?: AddArtifactsOptions[];
  /** A folder: the child writes a V8 CPU profile there when it exits. */
  cpuProfileDir?: string;
}

export interface SimulatorReport {
  /** Spec violations the simulator recorded. */
  violations: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
}

export interface SimulatorProcess {
  /** Without /api/v2.0: the admin API (`/_simulator/...`) is under it. */
  url: string;
  apiUrl: string;
  adminCredentials: { username: string; password: string };
  /** Stops the child (a CPU profile is written by then) and reports what it saw. */
  stop(): Promise<SimulatorReport>;
}

/** The child's next message that has `key` (the Backstage transform also talks over IPC). */
function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise<T>(resolve => {
    const listener = (m: any) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', listener);
        resolve(m);
      }
    };
    child.on('message', listener);
  });
}

export async function forkHarborSimulator(
  options: SimulatorProcessOptions,
): Promise<SimulatorProcess> {
  const execArgv = ['-r', '@backstage/cli/config/nodeTransform.cjs'];
  if (options.cpuProfileDir) {
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  const child = fork(__filename, ['--serve', JSON.stringify(options)], {
    execArgv,
  });
  const started = await nextMessage<
    Pick<SimulatorProcess, 'url' | 'apiUrl' | 'adminCredentials'>
  >(child, 'apiUrl');
  return {
    ...started,
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.send('stop');
      const report = await nextMessage<SimulatorReport>(child, 'violations');
      await exited; // a CPU profile is written on exit
      return report;
    },
  };
}

/** The child: a simulator with the demo seed and the repositories asked for, until the parent says stop. */
async function serve(options: SimulatorProcessOptions) {
  const sim = await startHarborSimulator({
    validation: options.validation,
    seed: 'demo',
  });
  for (const repository of options.artifacts ?? []) {
    sim.addArtifacts(repository);
  }
  process.send!({
    url: sim.url,
    apiUrl: sim.apiUrl,
    adminCredentials: sim.adminCredentials,
  });
  process.on('message', async m => {
    if (m !== 'stop') return;
    const statuses: Record<string, number> = {};
    for (const e of sim.requestLog)
      statuses[e.status ?? 'none'] = (statuses[e.status ?? 'none'] ?? 0) + 1;
    process.send!({ violations: sim.violations.length, statuses });
    await sim.stop();
    process.exit(0);
  });
}

if (require.main === module && process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3])).catch(error => {
    // eslint-disable-next-line no-console
    console.error(error);
    process.exit(1);
  });
}
