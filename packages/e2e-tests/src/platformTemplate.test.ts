import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import {
  openPortal,
  portalLogPath,
  portalRestarted,
  PortalSession,
  screenshotDir,
} from './portal';

/**
 * Bounded waits for a shared 2-core machine: a page or form step may take tens of seconds under load, a task run
 * a few minutes at most. Each wait names the UI state it waits for; there are no sleeps.
 */
const PAGE_TIMEOUT_MS = 90_000;
const TASK_TIMEOUT_MS = 180_000;
jest.setTimeout(600_000);

const execFileAsync = promisify(execFile);
/** The embedded Git server of the demo backend (packages/backend/src/embeddedGit.ts); clones need no credentials. */
const PLATFORM_REPO = 'http://127.0.0.1:7010/platform.git';
/** What the template renders into the folder platform/harbor of the repository. */
const RENDERED_FILES = [
  'README.md',
  'app/helm-release.yaml',
  'app/oci-repository.yaml',
  'app/service-monitor.yaml',
  'dashboards/grafana-dashboard.yaml',
  'database/database.yaml',
  'dragonfly/dragonfly.yaml',
  'flux/kustomizations.yaml',
  'monitoring/database-pod-monitor.yaml',
  'monitoring/prometheus-rule.yaml',
  'namespace/namespace.yaml',
  'secrets/external-secrets.yaml',
  'teams/README.md',
].map(file => `platform/harbor/${file}`);

async function git(args: string[], cwd?: string) {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  return stdout;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: resolve(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

/** Clicks a wizard button once the form has enabled it (the next page renders asynchronously). */
async function press(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.and(page.locator(':enabled')).waitFor();
  await button.click();
}

describe('the "Install Harbor on a cluster" template', () => {
  let portal: PortalSession;
  let page: Page;
  // A branch of its own, so that a portal that is already running gets a new commit too.
  const branch = `e2e-platform-${Date.now()}`;
  const hostname = 'harbor.e2e.example.com';

  beforeAll(async () => {
    portal = await openPortal({ timeoutMs: PAGE_TIMEOUT_MS });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('runs from the form and commits the platform to the embedded Git server', async () => {
    // From the sidebar to the template list and its card, as a user goes (no reload, so the session stays).
    try {
      await page
        .getByRole('link', { name: /^Create/ })
        .first()
        .click();
      const card = page
        .locator('.MuiCard-root', { hasText: 'Install Harbor on a cluster' })
        .last();
      await card.getByRole('button', { name: /choose/i }).click();
      await page.getByLabel(/^Domain/).fill(hostname);
    } catch (error) {
      await screenshot(page, 'platform-template-form-failed');
      throw new Error(
        `${error}\nlabels on the page: ${JSON.stringify(
          await page.locator('label').allInnerTexts(),
        )}`,
      );
    }
    await press(page, 'Next');
    // Registry storage: the defaults (Ceph RGW in the cluster, no server-side encryption).
    await page.getByLabel(/^S3 endpoint/).waitFor();
    expect(await page.getByLabel(/^Bucket/).inputValue()).toBe(
      'harbor-registry',
    );
    await press(page, 'Next');
    await page.getByLabel(/^Ingress class/).fill('internal');
    await page.getByLabel(/^cert-manager ClusterIssuer/).fill('internal-ca');
    await press(page, 'Next');
    // 1Password: the default store and item titles.
    await page.getByLabel(/^ClusterSecretStore/).waitFor();
    await press(page, 'Next');
    // Sizing and monitoring, then Trivy: the defaults (small profile, sidecar dashboard, public Trivy databases).
    await page.getByLabel(/^Resource profile/).waitFor();
    await press(page, 'Next');
    await page.getByLabel(/^Skip DB downloads/).waitFor();
    await press(page, 'Next');
    // Platform repository: any Git server; an empty URL is the portal's default repository.
    await page.getByLabel(/^Branch/).fill(branch);
    await press(page, 'Review');
    await page.getByText(hostname).first().waitFor();
    await screenshot(page, 'platform-template-review');
    await press(page, 'Create');

    // The task page opens once the backend has accepted the task.
    const fetchFailed = page.getByRole('alert').filter({
      hasText: /failed to fetch/i,
    });
    await page.getByTestId('step-label').first().or(fetchFailed).waitFor();
    if (!(await page.getByTestId('step-label').count())) {
      await screenshot(page, 'platform-template-create-failed');
      throw new Error(
        `the backend did not accept the task (Failed to fetch)${
          portalRestarted()
            ? `; ${portalLogPath} shows that the backend restarted because a source file changed`
            : ''
        }`,
      );
    }
    // Then it shows the template's output text once every step has finished, or an error panel for a failed
    // step. (Not any alert: it may briefly show a connection error while its event stream connects.)
    const committed = page.getByText(`Branch ${branch} of ${PLATFORM_REPO}`, {
      exact: false,
    });
    const failed = page
      .getByRole('alert')
      .filter({ hasNotText: /cannot connect|failed to fetch|network/i });
    try {
      await committed.or(failed).first().waitFor({ timeout: TASK_TIMEOUT_MS });
      if (await failed.count())
        throw new Error(`the task failed: ${await failed.first().innerText()}`);
    } finally {
      await screenshot(page, 'platform-template-done');
    }
    const commitHash = (await committed.first().innerText()).match(
      /commit\s+([0-9a-f]{40})/,
    )?.[1];
    expect(commitHash).toBeDefined();

    const clone = mkdtempSync(resolve(tmpdir(), 'e2e-platform-'));
    try {
      await git(['clone', '--quiet', '--branch', branch, PLATFORM_REPO, clone]);
      expect((await git(['rev-parse', 'HEAD'], clone)).trim()).toBe(commitHash);
      expect((await git(['log', '--format=%s', '-1'], clone)).trim()).toBe(
        `Install Harbor at ${hostname}`,
      );
      const files = (await git(['ls-files'], clone)).trim().split('\n');
      expect(files).toEqual(expect.arrayContaining(RENDERED_FILES));
      // Only the template's folder: nothing else of the repository was written.
      expect(files.filter(f => !f.startsWith('platform/harbor/'))).toEqual([]);

      // Every YAML document parses, is a Kubernetes object, and no Secret carries a value.
      const objects: any[] = [];
      for (const file of files.filter(f => /\.ya?ml$/.test(f))) {
        for (const document of parseAllDocuments(
          readFileSync(resolve(clone, file), 'utf8'),
        )) {
          expect({ file, errors: document.errors.map(e => e.message) }).toEqual(
            { file, errors: [] },
          );
          const object = document.toJS();
          if (object === null) continue; // an empty document after a trailing `---`
          expect({ file, apiVersion: typeof object.apiVersion }).toEqual({
            file,
            apiVersion: 'string',
          });
          expect(typeof object.kind).toBe('string');
          objects.push(object);
        }
      }
      expect(objects.length).toBeGreaterThan(15);
      const secretsWithValues = objects
        .filter(o => o.kind === 'Secret' && (o.data || o.stringData))
        .map(o => `${o.metadata?.namespace}/${o.metadata?.name}`);
      expect(secretsWithValues).toEqual([]);
      // The credentials are references to 1Password items through External Secrets.
      expect(objects.some(o => o.kind === 'ExternalSecret')).toBe(true);

      // The form's values reached the manifests.
      const release = objects.find(o => o.kind === 'HelmRelease');
      expect(release.spec.values.externalURL).toBe(`https://${hostname}`);
      // The official chart, the form's default.
      expect(release.spec.values.expose.ingress.className).toBe('internal');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
