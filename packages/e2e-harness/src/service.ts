import { ChildProcess, spawn } from 'node:child_process';

/** A long-running command in its own process group, so that its whole tree stops with it. */
export interface Service {
  /** How errors name it: "the demo portal", "the Harbor simulator". */
  name: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr as they came. */
  output(): string;
  /**
   * Stops the whole tree and resolves once no process of it is left: a backend still shutting down keeps its
   * ports, and the next run may start as soon as the portal lock is released.
   */
  stop(): Promise<void>;
}

const tick = (ms: number) => new Promise(r => setTimeout(r, ms));

export function startService(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Service {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // its own process group
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));

  // Signal 0 only asks whether any process of the group is left.
  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const groupExitsWithin = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (signalGroup(0) && Date.now() < deadline) await tick(200);
  };
  return {
    name,
    process: child,
    output: () => output,
    stop: async () => {
      signalGroup('SIGTERM');
      await groupExitsWithin(30_000);
      signalGroup('SIGKILL');
      await groupExitsWithin(15_000);
    },
  };
}

/** One poll: a slow answer counts as no answer, so that a hung request cannot outlast the deadline. */
const POLL_TIMEOUT_MS = 20_000;

/** Whether `url` answers 2xx within one poll. */
export async function answersOk(
  url: string,
  init?: RequestInit,
): Promise<boolean> {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.ok;
}

/** The output line of a service that will not come up. */
function fatalOutput(output: string): string | undefined {
  // `yarn start` outlives a backend that failed to start.
  return output.match(
    /Backend failed to start[^\n]*|ConfigSchemaError[^\n]*|EADDRINUSE[^\n]*/,
  )?.[0];
}

/**
 * Polls until `ready` resolves true. Fails with `timeoutMessage` after `deadline`, and at once when one of the
 * services exits or prints a fatal start-up error, instead of waiting out the deadline.
 */
export async function waitUntil(
  timeoutMessage: string,
  ready: () => Promise<boolean>,
  deadline: number,
  services: Service[],
): Promise<void> {
  for (;;) {
    for (const service of services) {
      const { exitCode, signalCode } = service.process;
      if (exitCode !== null || signalCode !== null) {
        throw new Error(
          `${service.name} exited with ${
            exitCode !== null ? `code ${exitCode}` : signalCode
          }`,
        );
      }
      const fatal = fatalOutput(service.output());
      if (fatal) throw new Error(`${service.name} failed to start: ${fatal}`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(timeoutMessage);
    await tick(1000);
  }
}
