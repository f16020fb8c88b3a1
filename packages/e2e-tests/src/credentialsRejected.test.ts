import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(300_000);

/**
 * The demo's second Harbor instance, `misconfigured`, is the embedded simulator reached with a wrong password
 * (packages/backend/src/embeddedHarbor.ts). Harbor answers such credentials as anonymous: the public
 * library/nginx would list as if all were well. edge-proxy names it beside team-a/web of the default instance.
 */
const REJECTED =
  'Harbor instance "misconfigured" rejected the configured credentials';

/** The title of a repository's table: its name, then the link into Harbor. */
function repositoryHeading(page: Page, name: string) {
  const escaped = name.replace(/[/.]/g, c => `\\${c}`);
  return page.getByRole('heading', { name: new RegExp(`^${escaped}\\s`) });
}

describe('a Harbor instance whose credentials are wrong', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ height: 1200 });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it("shows that repository as credentials rejected on the Harbor tab, and the component's other repository as usual", async () => {
    await page.goto(`${appUrl}/catalog/default/component/edge-proxy/harbor`);
    await repositoryHeading(page, 'library/nginx').waitFor({
      timeout: 90_000,
    });
    const alerts = page.getByRole('alert', {
      name: `library/nginx: ${REJECTED}`,
    });
    // One in nginx's table, and one in the audit trail under the tables, beside team-a/web's entries.
    const rejected = alerts.first();
    await rejected.waitFor();
    await alerts.nth(1).waitFor();
    expect(
      await rejected
        .getByRole('link', { name: /^Runbook:/ })
        .getAttribute('href'),
    ).toMatch(/\/troubleshooting\/#harbor-credentials-rejected$/);
    // None of nginx's artifacts, which Harbor shows anyone, is listed as if it were complete.
    expect(await page.getByText('Not available').count()).toBe(1);

    // team-a/web, on the default instance, with its artifacts and no state of its own.
    await repositoryHeading(page, 'team-a/web').waitFor();
    expect(await page.getByText(/^\d+ artifacts?$/).count()).toBe(1);
    expect(
      await page.getByRole('alert', { name: /^team-a\/web:/ }).count(),
    ).toBe(0);
    // No error for the whole page (an error panel's title starts with "Error:").
    expect(await page.getByText(/^Error: /).count()).toBe(0);
    expect(await page.getByText(/Could not load/).count()).toBe(0);
    await page.screenshot({
      path: resolve(screenshotDir, 'entity-credentials-rejected.png'),
      fullPage: true,
    });
  });

  it('says the same on the vulnerability summary card of the overview', async () => {
    await page.goto(`${appUrl}/catalog/default/component/edge-proxy`);
    await page
      .getByRole('alert', { name: `library/nginx: ${REJECTED}` })
      .waitFor({ timeout: 90_000 });
    expect(
      await page.getByRole('link', { name: /^team-a\/web:/ }).count(),
    ).toBe(1);
  });
});
