import { ChildProcess, spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

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
/** The output of the portal the suite started (`yarn start`). */
export const portalLogPath = resolve(screenshotDir, 'portal.log');

/** Whether the portal's log shows that its backend restarted because a source file changed. */
export function portalRestarted(): boolean {
  return (
    existsSync(portalLogPath) &&
    readFileSync(portalLogPath, 'utf8').includes('Change detected, restarting')
  );
}

/**
 * How long the portal may take to start, from `yarn start` until the catalog holds the example entities. The
 * first start compiles the frontend and builds the backend on a shared 2-core machine; E2E_PORTAL_START_TIMEOUT_MS
 * overrides it.
 */
const START_TIMEOUT_MS = Number(
  process.env.E2E_PORTAL_START_TIMEOUT_MS ?? 420_000,
);
/** One poll: a slow answer counts as no answer, so a hung request cannot outlast the deadline. */
const POLL_TIMEOUT_MS = 20_000;

/** The output line of a portal that will not come up, so that waiting stops at once. */
function fatalOutput(output: string[]): string | undefined {
  // `yarn start` outlives a backend that failed to start.
  return output
    .join('')
    .match(
      /Backend failed to start[^\n]*|ConfigSchemaError[^\n]*|EADDRINUSE[^\n]*/,
    )?.[0];
}

/**
 * Polls until `ready` resolves true, or fails at `deadline` (one absolute time shared by every stage of the
 * start), when the portal exits, or when its output shows that it failed.
 */
async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  deadline: number,
  portal: ChildProcess,
  output: string[],
) {
  for (;;) {
    if (portal.exitCode !== null) {
      throw new Error(`the demo portal exited with code ${portal.exitCode}`);
    }
    const fatal = fatalOutput(output);
    if (fatal) throw new Error(`the demo portal failed to start: ${fatal}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} within ${START_TIMEOUT_MS} ms of starting the portal (E2E_PORTAL_START_TIMEOUT_MS)`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function answersOk(url: string, init?: RequestInit): Promise<boolean> {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.ok;
}

/** A guest's token, as the sign-in page gets it. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`guest sign-in: ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

/**
 * Whether the catalog has ingested the example entities: every test opens them right after sign-in, and on a
 * loaded machine the first ingestion can take longer than a single page wait should.
 */
async function catalogHasExamples(): Promise<boolean> {
  return answersOk(
    `${backendUrl}/api/catalog/entities/by-name/component/default/registry-gateway`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
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
  // The whole output in the report folder: it shows, for one, a restart of the backend after a file of the
  // repository changed during the tests (`yarn start` watches the sources).
  mkdirSync(screenshotDir, { recursive: true });
  const log = createWriteStream(portalLogPath);
  for (const stream of [portal.stdout!, portal.stderr!])
    stream.on('data', d => {
      output.push(String(d));
      log.write(d);
    });
  const started = Date.now();
  const deadline = started + START_TIMEOUT_MS;
  try {
    await waitUntil(
      'the backend was not ready',
      () => answersOk(`${backendUrl}/.backstage/health/v1/readiness`),
      deadline,
      portal,
      output,
    );
    await waitUntil(
      'the frontend did not answer',
      () => answersOk(appUrl),
      deadline,
      portal,
      output,
    );
    await waitUntil(
      'the catalog did not hold the example entities',
      catalogHasExamples,
      deadline,
      portal,
      output,
    );
    // Shown by Jest before the tests: how long the start took under the machine's current load.
    console.log(`the demo portal was ready in ${Date.now() - started} ms`);
  } catch (error) {
    await stopProcessGroup(portal);
    throw new Error(
      `${error}\n--- portal output ---\n${output.join('').slice(-5000)}`,
    );
  }
  return () => stopProcessGroup(portal);
}

/** Whether anything still answers on the portal's ports. */
async function portalAnswers(): Promise<boolean> {
  const answers = (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      () => true,
      // A timeout means a process still holds the port.
      (e: Error) => e.name === 'TimeoutError',
    );
  return (await answers(backendUrl)) || (await answers(appUrl));
}

function signalGroup(process_: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-process_.pid!, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Stops the portal's whole process tree: a backend that is still shutting down keeps its ports, so wait until
 * nothing answers, kill what is left after 30 s, and return once the ports are free for the next run (which may
 * start as soon as the e2e lock is released).
 */
async function stopProcessGroup(portal: ChildProcess) {
  signalGroup(portal, 'SIGTERM');
  let deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await portalAnswers())) {
    await new Promise(r => setTimeout(r, 500));
  }
  signalGroup(portal, 'SIGKILL');
  deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (await portalAnswers())) {
    await new Promise(r => setTimeout(r, 500));
  }
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

/** The demo portal in Chromium, for one test file. */
export interface PortalSession {
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts (or joins) the demo portal and opens it in Chromium; signed in as the guest, with the example entities
 * on screen, unless `signIn` is false.
 */
export async function openPortal(
  options: { height?: number; signIn?: boolean; timeoutMs?: number } = {},
): Promise<PortalSession> {
  const stopPortal = await startPortal();
  const browser = await launchChromium().catch(async error => {
    await stopPortal();
    throw error;
  });
  const close = async () => {
    await browser.close();
    await stopPortal();
  };
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: options.height ?? 1000 },
    });
    if (options.timeoutMs) page.setDefaultTimeout(options.timeoutMs);
    if (options.signIn !== false) {
      await page.goto(appUrl);
      await page.getByRole('button', { name: 'Enter' }).click();
      // The catalog opens on the components the guest's team owns.
      await page.getByText('registry-gateway').waitFor({ timeout: 60_000 });
    }
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
