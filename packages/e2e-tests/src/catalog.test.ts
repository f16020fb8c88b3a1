import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appUrl, openPortal, PortalSession, screenshotDir } from './portal';

jest.setTimeout(300_000);

describe('the demo portal', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ height: 900, signIn: false });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('signs in as guest and shows the catalog with the example entities', async () => {
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    // The catalog opens on the components the guest owns; the platform team owns one of them.
    await page.getByText('registry-gateway').waitFor({ timeout: 60_000 });
    await page.getByRole('menuitem', { name: /^All/ }).click();
    await page.getByText('orders-api').waitFor();
    expect(await page.title()).toContain('Harbor for Backstage');
    for (const name of [
      'storefront-web',
      'orders-api',
      'payments',
      'registry-gateway',
    ]) {
      expect(await page.getByText(name, { exact: true }).count()).toBe(1);
    }
    await page.screenshot({
      path: resolve(screenshotDir, 'catalog.png'),
      fullPage: true,
    });
  });

  it('lists the registered Software Templates', async () => {
    await page.goto(`${appUrl}/create`);
    const titles = [
      'Connect a component to Harbor',
      'Onboard a team to Harbor',
      'Migrate repositories from the old docker-registry',
      'Install Harbor on a cluster',
    ];
    for (const title of titles) {
      await page.getByText(title).waitFor({ timeout: 60_000 });
    }
    // Each card is ready to run once its Choose button has rendered.
    const choose = page.getByRole('button', { name: /choose/i });
    await choose.nth(titles.length - 1).waitFor();
    expect(await choose.count()).toBe(titles.length);
    await page.screenshot({
      path: resolve(screenshotDir, 'templates.png'),
      fullPage: true,
    });
  });
});
