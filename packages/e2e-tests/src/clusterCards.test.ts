import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(300_000);

/**
 * The cluster views of the demo portal, on its embedded Kubernetes API simulator: the Harbor platform's state on
 * the container-registry System, and the images a component's pods run, one still from the old registry.
 */
describe('the cluster cards', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ height: 1200 });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('shows the healthy Harbor platform on the container-registry System', async () => {
    await page.goto(`${appUrl}/catalog/default/system/container-registry`);
    const checks = page.getByRole('table', {
      name: 'Harbor platform checks',
    });
    await checks.waitFor({ timeout: 90_000 });
    await page.getByText(/^All \d+ checks pass$/).waitFor();
    // One row per check, each with its runbook link: workloads, HelmRelease, database, certificate, secrets.
    for (const title of [/harbor-core/, /HelmRelease/i, /harbor-tls/]) {
      expect(
        await checks.getByRole('row').filter({ hasText: title }).count(),
      ).toBeGreaterThan(0);
    }
    expect(
      await checks.getByRole('link', { name: /^Runbook for / }).count(),
    ).toBeGreaterThan(5);
    await page.getByText('Namespace').first().waitFor();
    await page.screenshot({
      path: resolve(screenshotDir, 'system-platform-status.png'),
      fullPage: true,
    });
  });

  it("flags a component's image still pulled from the old registry, beside its Harbor images", async () => {
    await page.goto(`${appUrl}/catalog/default/component/orders-api`);
    const images = page.getByRole('table', { name: 'Running images' });
    await images.waitFor({ timeout: 90_000 });
    await page
      .getByText('1 image is still pulled from the old registry', {
        exact: false,
      })
      .waitFor();
    const legacy = images.getByRole('row').filter({
      hasText: 'registry.old.internal:5000/team-a/batch/nightly-report',
    });
    await legacy.getByText('Old registry: migrate to Harbor').waitFor();
    // The Harbor image links to the exact artifact that runs, by digest.
    const api = images.getByRole('link', { name: /\/team-a\/api:2\.1\.0\b/ });
    await api.waitFor();
    expect(await api.getAttribute('href')).toMatch(/sha256:[0-9a-f]{64}/);
    await page.screenshot({
      path: resolve(screenshotDir, 'component-running-images.png'),
      fullPage: true,
    });
  });
});
