import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(420_000);

/** Where the catalog serves the runbook: the TechDocs of the container-registry System. */
const runbookUrl = `${appUrl}/docs/default/system/container-registry`;

/** Waits until TechDocs has finished loading (its progress bar is gone), so screenshots show the page. */
async function settled(page: Page) {
  await page
    .getByRole('progressbar')
    .first()
    .waitFor({ state: 'detached', timeout: 120_000 });
}

describe('the Harbor runbook in TechDocs', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ height: 900, signIn: false });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('builds the runbook of the container-registry System and opens its alerts page', async () => {
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('registry-gateway').waitFor({ timeout: 60_000 });

    // TechDocs runs mkdocs on the first visit; the page then renders the site (in a shadow root, which
    // Playwright's locators pierce).
    await page.goto(runbookUrl);
    await page
      .getByRole('heading', { name: 'Harbor container registry runbook' })
      .first()
      .waitFor({ timeout: 120_000 });
    await settled(page);
    await page.screenshot({
      path: resolve(screenshotDir, 'runbook.png'),
      fullPage: true,
    });

    await page
      .getByRole('link', { name: 'Alerts', exact: true })
      .first()
      .click();
    await page
      .getByRole('heading', { name: /HarborComponentDown/ })
      .waitFor({ timeout: 60_000 });
    await settled(page);
    expect(page.url()).toBe(`${runbookUrl}/alerts/`);
    // The anchor an alert's runbook_url points at is on the rendered page.
    expect(
      await page.locator('[id="harbor-database-backup-stale"]').count(),
    ).toBe(1);
    await page.screenshot({
      path: resolve(screenshotDir, 'runbook-alerts.png'),
      fullPage: true,
    });
  });
});
