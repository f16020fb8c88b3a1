import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(300_000);

/**
 * A developer's view of the demo portal against the embedded Harbor simulator: a component's images, one
 * artifact's CVEs, and back.
 */
/** The title of a repository's table: its name, then the link into Harbor. */
function repositoryHeading(page: Page, name: string) {
  const escaped = name.replace(/[/.]/g, c => `\\${c}`);
  return page.getByRole('heading', { name: new RegExp(`^${escaped}\\s`) });
}

describe('the Harbor tab of a component', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal();
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('shows every repository of the component with its artifacts and scan results', async () => {
    await page.goto(`${appUrl}/catalog/default/component/orders-api/harbor`);
    // orders-api names two repositories, one of them nested.
    await repositoryHeading(page, 'team-a/api').waitFor({ timeout: 90_000 });
    await repositoryHeading(page, 'team-a/batch/nightly-report').waitFor();
    expect(await page.getByText('2.1.0').count()).toBeGreaterThan(0);
    expect(await page.getByText('2023.12').count()).toBeGreaterThan(0);
    await page.screenshot({
      path: resolve(screenshotDir, 'entity-harbor-tab.png'),
      fullPage: true,
    });
  });

  it('drills into the CVE list of an artifact and comes back', async () => {
    // The nightly report image carries log4shell, in the older scan-report format.
    const cves = page.getByRole('link', { name: 'CVEs' });
    await cves.first().waitFor();
    const before = page.url();
    const nightly = page
      .locator('tr', { hasText: '2023.12' })
      .getByRole('link', { name: 'CVEs' });
    await nightly.click();
    await page.getByText('CVE-2021-44228').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('digest=sha256');
    await page.screenshot({
      path: resolve(screenshotDir, 'entity-harbor-cves.png'),
      fullPage: true,
    });

    await page.getByText('All artifacts').click();
    await repositoryHeading(page, 'team-a/api').waitFor();
    expect(page.url()).toBe(before);
  });
});
