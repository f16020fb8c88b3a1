import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Browser, chromium } from 'playwright-core';

/** The repository root: the nearest folder up from here with backstage.json. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    if (dirname(dir) === dir)
      throw new Error(`no backstage.json above ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

export const repoRoot = findRepoRoot(process.cwd());
export const screenshotDir = resolve(repoRoot, 'e2e-test-report');
export const appUrl = 'http://localhost:3000';
export const backendUrl = 'http://127.0.0.1:7007';

/** Polls a URL until it answers (any HTTP status), or fails after `timeoutMs`. */
async function waitForHttp(
  url: string,
  timeoutMs: number,
  portal: ChildProcess,
  output: string[],
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (portal.exitCode !== null) {
      throw new Error(`the demo portal exited with code ${portal.exitCode}`);
    }
    // `yarn start` outlives a backend that failed to start: fail at once instead of waiting out the timeout.
    const fatal = output
      .join('')
      .match(
        /Backend failed to start[^\n]*|ConfigSchemaError[^\n]*|EADDRINUSE[^\n]*/,
      );
    if (fatal) {
      throw new Error(`the demo portal failed to start: ${fatal[0]}`);
    }
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}

/**
 * Starts the demo portal the way the README does (`yarn start` at the repository root: frontend on :3000,
 * backend on :7007), unless one is already running, and returns a function that stops it.
 */
export async function startPortal(): Promise<() => Promise<void>> {
  const running = await fetch(
    `${backendUrl}/.backstage/health/v1/readiness`,
  ).then(
    r => r.ok,
    () => false,
  );
  if (running) return async () => {};

  const output: string[] = [];
  const portal = spawn('yarn', ['start'], {
    cwd: repoRoot,
    detached: true, // its own process group, so the whole tree stops with it
    // Jest sets NODE_ENV=test; the portal runs as `yarn start` does from a shell.
    env: {
      ...process.env,
      NODE_ENV: 'development',
      BROWSER: 'none',
      FORCE_COLOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  portal.stdout!.on('data', d => output.push(String(d)));
  portal.stderr!.on('data', d => output.push(String(d)));
  try {
    await waitForHttp(
      `${backendUrl}/.backstage/health/v1/readiness`,
      240_000,
      portal,
      output,
    );
    await waitForHttp(appUrl, 240_000, portal, output);
  } catch (error) {
    await stopProcessGroup(portal);
    throw new Error(
      `${error}\n--- portal output ---\n${output.join('').slice(-5000)}`,
    );
  }
  return () => stopProcessGroup(portal);
}

/** Whether anything still answers on the backend's port. */
async function backendAnswers(): Promise<boolean> {
  return fetch(backendUrl).then(
    () => true,
    () => false,
  );
}

function signalGroup(process_: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-process_.pid!, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Stops the portal's whole process tree: a backend that is still shutting down keeps the port, so wait until
 * nothing answers, and kill what is left after 30 s.
 */
async function stopProcessGroup(portal: ChildProcess) {
  signalGroup(portal, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await backendAnswers())) {
    await new Promise(r => setTimeout(r, 500));
  }
  signalGroup(portal, 'SIGKILL');
}

/** Debian's Chromium, driven by Playwright without a browser download of its own. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
