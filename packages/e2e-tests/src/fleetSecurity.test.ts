import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(300_000);

/**
 * The CVE the demo Harbor's images share (packages/harbor-simulator's DEMO_FLEET_CVE, HTTP/2 Rapid Reset in
 * golang.org/x/net): in team-a's storefront-web and orders-api and in the platform team's registry-gateway, whose
 * worker image the demo cluster runs.
 */
const DEMO_FLEET_CVE = 'CVE-2023-44487';

/** The fleet security view, as the guest of the platform team (the demo policy gives it `harbor.fleet.read`). */
describe('the fleet security page', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ height: 1400 });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('finds the shared demo CVE in the images of both owning teams, and the one that runs', async () => {
    await page.goto(`${appUrl}/harbor/security`);
    await page.getByLabel('CVE id or package').fill(DEMO_FLEET_CVE);
    await page
      .getByRole('search', { name: 'Fleet vulnerability search' })
      .getByRole('button', { name: 'Search' })
      .click();

    const table = page.getByRole('table', {
      name: `Artifacts with ${DEMO_FLEET_CVE}`,
    });
    await table.waitFor({ timeout: 90_000 });
    expect(page.url()).toContain(`q=${DEMO_FLEET_CVE}`);
    for (const entity of ['storefront-web', 'orders-api', 'registry-gateway']) {
      await table.getByRole('link', { name: entity }).first().waitFor();
    }
    for (const owner of ['team-a', 'platform-team']) {
      expect(
        await table.getByRole('link', { name: new RegExp(owner) }).count(),
      ).toBeGreaterThan(0);
    }
    const running = table
      .getByRole('row')
      .filter({ hasText: 'platform/team/worker' });
    await running.getByText('Running', { exact: true }).waitFor();
    await running.getByRole('link', { name: 'registry-gateway' }).waitFor();
    await page.screenshot({
      path: resolve(screenshotDir, 'fleet-security-search.png'),
      fullPage: true,
    });
  });

  it("shows a team's worst latest images on its Group page", async () => {
    await page.goto(`${appUrl}/catalog/default/group/team-a`);
    const images = page.getByRole('table', { name: 'Worst latest images' });
    await images.waitFor({ timeout: 90_000 });
    await images
      .getByRole('link', { name: /^team-a\/web/ })
      .first()
      .waitFor();
    await images
      .getByRole('link', { name: /orders-api/ })
      .first()
      .waitFor();
    await page.screenshot({
      path: resolve(screenshotDir, 'group-owned-images.png'),
      fullPage: true,
    });
  });
});
