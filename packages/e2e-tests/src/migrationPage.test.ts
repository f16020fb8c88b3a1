import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  appUrl,
  backendUrl,
  openPortal,
  PortalSession,
  screenshotDir,
} from './portal';

jest.setTimeout(600_000);

/**
 * Bounded waits for a shared 2-core machine: a page may take tens of seconds under load, the migration task a few
 * minutes at most, and the page's cached status expires after the demo's harbor.cache.migrationTtl (15 s,
 * packages/backend/src/embeddedOldRegistry.ts). Each wait names what it waits for; there are no sleeps.
 */
const PAGE_TIMEOUT_MS = 90_000;
const TASK_TIMEOUT_MS = 240_000;
const MIGRATED_TIMEOUT_MS = 120_000;

/** Whether the demo backend can start its embedded old registry (scripts/system-packages.sh installs them). */
const hasOldRegistryTools = ['docker-registry', 'skopeo', 'umoci'].every(
  command =>
    spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
      .status === 0,
);

/**
 * The platform team's view of the migration off the old registry, as the guest (a platform-team member): the
 * demo backend's embedded docker-registry against the Harbor simulator and the embedded cluster.
 */
/** The guest's token, as the sign-in page gets it: the scaffolder API needs a user for the task. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in: ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

/**
 * Runs templates/harbor-migration in "Migrate" mode through the scaffolder API as the guest, and returns its
 * final status with the log. The API does not fill the form's defaults, so the values name every field the
 * steps read (the rules stay empty: the demo's harbor.migration.rules apply).
 */
async function runMigrationTemplate(): Promise<{
  status: string;
  log: string[];
}> {
  const token = await guestToken();
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${backendUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/harbor-migration',
      values: { mode: 'migrate', timeoutMinutes: 3 },
    }),
  });
  if (created.status !== 201)
    throw new Error(`the scaffolder refused the task: ${created.status}`);
  const { id } = await created.json();
  // The task's event stream ends with its completion: one long request instead of polling.
  const events = await fetch(
    `${backendUrl}/api/scaffolder/v2/tasks/${id}/eventstream`,
    { headers, signal: AbortSignal.timeout(TASK_TIMEOUT_MS) },
  );
  const text = await events.text();
  // Messages as the task page shows them: without the logger's colours and level.
  const log = [...text.matchAll(/^data: (.*)$/gm)].map(m =>
    String(JSON.parse(m[1]).body?.message ?? '')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/^(info|warn|error|debug): /, ''),
  );
  const task = await (
    await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${id}`, { headers })
  ).json();
  return { status: task.status, log };
}

describe('the Harbor migration page', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ timeoutMs: PAGE_TIMEOUT_MS });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('shows the old registry repositories, their state in Harbor and the pod still pulling from it', async () => {
    await page.goto(`${appUrl}/harbor/migration`);
    // Without the tools the demo cannot start its old registry and the page says how to configure one. With
    // them: five repositories, none migrated (none of their tags is in the demo Harbor before the migration).
    const summary = hasOldRegistryTools
      ? /^0 of 5 repositories migrated, 1 workload still on the old registry/
      : 'No old registry configured';
    await page.getByText(summary).first().waitFor({ timeout: 90_000 });
    expect(await page.getByText(summary).count()).toBeGreaterThan(0);
    if (!hasOldRegistryTools) return;
    const report = page
      .getByRole('row', { name: /team-a\/batch\/nightly-report/ })
      .first();
    await report
      .getByText('team-a/orders-nightly-report-29150400-h8d2n')
      .waitFor();
    await page
      .getByRole('row', { name: /tools\/backup.*legacy\/tools\/backup/ })
      .waitFor();
    await page.screenshot({
      path: resolve(screenshotDir, 'harbor-migration-page.png'),
      fullPage: true,
    });
  });

  it('shows the repositories as migrated once the migration template has run', async () => {
    if (!hasOldRegistryTools) return;
    // Through the scaffolder API rather than the form: the form's only choice is the "What to do" select, and the
    // form itself is covered by platformTemplate.test.ts; the page is what this test is about.
    const { status, log } = await runMigrationTemplate();
    expect({ status, tail: log.slice(-8) }).toMatchObject({
      status: 'completed',
    });
    // The template's project step created `legacy`, the only demo project Harbor does not have.
    expect(log).toContain(
      'Target project(s) not in Harbor yet: legacy; create them with harbor:project:ensure before replicating',
    );
    expect(log.some(l => l.startsWith('create project legacy'))).toBe(true);
    expect(
      log.some(l => /Verification: all 7 tags are in Harbor/.test(l)),
    ).toBe(true);

    // The page's status is cached for the demo's short TTL: reload until the answer after the run shows (each
    // round waits for the page's answer, so the reloads are paced by the backend, not by a timer).
    const summary = page.getByText(/repositories migrated/).first();
    const migrated =
      /^5 of 5 repositories migrated, 1 workload still on the old registry/;
    const deadline = Date.now() + MIGRATED_TIMEOUT_MS;
    let shown = '';
    for (;;) {
      await page.goto(`${appUrl}/harbor/migration`);
      await summary.waitFor();
      shown = await summary.innerText();
      if (migrated.test(shown)) break;
      if (Date.now() > deadline)
        throw new Error(
          `the page still says "${shown}" ${MIGRATED_TIMEOUT_MS} ms after the migration`,
        );
    }
    const backup = page
      .getByRole('row', { name: /tools\/backup.*legacy\/tools\/backup/ })
      .first();
    await backup.getByText('Migrated', { exact: true }).waitFor();
    await page.screenshot({
      path: resolve(screenshotDir, 'harbor-migration-page-migrated.png'),
      fullPage: true,
    });
  });
});
