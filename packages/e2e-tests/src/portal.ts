import {
  answersOk,
  launchChromium,
  repoRoot,
  startService,
  waitUntil,
} from '@backstage-harbor/e2e-harness';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { Page } from 'playwright-core';

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

/** A guest's token, as the sign-in page gets it. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
    // A hung request must not outlast the start's deadline.
    signal: AbortSignal.timeout(20_000),
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

  const portal = startService('the demo portal', 'yarn', ['start'], {
    cwd: repoRoot,
    // Jest sets NODE_ENV=test; the portal runs as `yarn start` does from a shell.
    env: {
      ...process.env,
      NODE_ENV: 'development',
      BROWSER: 'none',
      FORCE_COLOR: '0',
    },
  });
  // The whole output in the report folder: it shows, for one, a restart of the backend after a file of the
  // repository changed during the tests (`yarn start` watches the sources).
  mkdirSync(screenshotDir, { recursive: true });
  const log = createWriteStream(portalLogPath);
  portal.process.stdout!.on('data', d => log.write(d));
  portal.process.stderr!.on('data', d => log.write(d));

  const started = Date.now();
  const deadline = started + START_TIMEOUT_MS;
  // One deadline for every stage of the start.
  const stage = (what: string, ready: () => Promise<boolean>) =>
    waitUntil(
      `${what} within ${START_TIMEOUT_MS} ms of starting the portal (E2E_PORTAL_START_TIMEOUT_MS)`,
      ready,
      deadline,
      [portal],
    );
  try {
    await stage('the backend was not ready', () =>
      answersOk(`${backendUrl}/.backstage/health/v1/readiness`),
    );
    await stage('the frontend did not answer', () => answersOk(appUrl));
    await stage(
      'the catalog did not hold the example entities',
      catalogHasExamples,
    );
    // Shown by Jest before the tests: how long the start took under the machine's current load.
    console.log(`the demo portal was ready in ${Date.now() - started} ms`);
  } catch (error) {
    await portal.stop();
    throw new Error(
      `${error}\n--- portal output ---\n${portal.output().slice(-5000)}`,
    );
  }
  return () => portal.stop();
}

/** The demo portal in Chromium, for one test file. */
export interface PortalSession {
  page: Page;
  close(): Promise<void>;
}

/**
 * The demo's sign-ins (app-config.yaml): the guest of the platform team and, demo only, bob of team-b; each with
 * its card on the sign-in page and a component its team owns, which the catalog opens on.
 */
const SIGN_INS = {
  guest: { card: 'Guest', button: 'Enter', owned: 'registry-gateway' },
  bob: { card: 'Bob (team-b)', button: 'Sign In', owned: 'payments' },
};
export type DemoUser = keyof typeof SIGN_INS;

/** Signs in on the sign-in page as a demo user and waits for the catalog. */
export async function signIn(page: Page, user: DemoUser) {
  const { card, button, owned } = SIGN_INS[user];
  await page.goto(appUrl);
  // Each choice is a list item of the sign-in page (its class names are generated, without MuiCard-root).
  await page
    .getByRole('listitem')
    .filter({ hasText: card })
    .getByRole('button', { name: button })
    .click();
  await page.getByText(owned, { exact: true }).waitFor({ timeout: 60_000 });
}

/**
 * Starts (or joins) the demo portal and opens it in Chromium; signed in as `user` (the guest by default), with
 * the example entities on screen, unless `signIn` is false.
 */
export async function openPortal(
  options: {
    height?: number;
    signIn?: boolean;
    user?: DemoUser;
    timeoutMs?: number;
  } = {},
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
      await signIn(page, options.user ?? 'guest');
    }
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
