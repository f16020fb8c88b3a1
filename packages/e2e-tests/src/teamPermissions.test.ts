import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openPortal, PortalSession, screenshotDir } from './portal';

/** Bounded waits for a shared 2-core machine; each names the UI state it waits for. */
const PAGE_TIMEOUT_MS = 90_000;
jest.setTimeout(600_000);

async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: resolve(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

/** The template list, from the sidebar as a user goes (no reload). */
async function openTemplateList(page: Page) {
  await page
    .getByRole('link', { name: /^Create/ })
    .first()
    .click();
  await page.getByText('Onboard a team to Harbor').waitFor();
}

/**
 * Signed in as bob of team-b (a demo sign-in): the demo policy lets him create projects and change team-b's,
 * not team-a's, and keeps the platform team's templates from him (issue #17).
 */
describe('a member of another team', () => {
  let portal: PortalSession;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal({ user: 'bob', timeoutMs: PAGE_TIMEOUT_MS });
    page = portal.page;
  });

  afterAll(() => portal?.close());

  it('does not see the platform and migration templates in the template list', async () => {
    await openTemplateList(page);
    // Every card the catalog lets bob read is there once its Choose button has rendered.
    await page.getByText('Connect a component to Harbor').waitFor();
    const choose = page.getByRole('button', { name: /choose/i });
    await choose.nth(1).waitFor();
    await screenshot(page, 'templates-team-b');
    expect(await choose.count()).toBe(2);
    expect(await page.getByText('Install Harbor on a cluster').count()).toBe(0);
    expect(
      await page
        .getByText('Migrate repositories from the old docker-registry')
        .count(),
    ).toBe(0);
  });

  it("is refused team-a's existing project in the onboarding form, with its owner named", async () => {
    await openTemplateList(page);
    await page
      .locator('.MuiCard-root', { hasText: 'Onboard a team to Harbor' })
      .last()
      .getByRole('button', { name: /choose/i })
      .click();
    const projectName = page.getByLabel(/^Harbor project name/);
    await projectName.fill('team-a');
    const refusal = page.getByText(
      "'team-a' already exists in Harbor, owned by group:default/team-a: you cannot change it",
    );
    try {
      await refusal.waitFor();
    } finally {
      await screenshot(page, 'onboarding-team-a-refused');
    }
    expect(await refusal.count()).toBe(1);
    // Bob's own team's project is his to change.
    await projectName.fill('team-b');
    const update = page.getByText(
      "'team-b' already exists in Harbor; running the template updates that project",
    );
    await update.waitFor();
    expect(await refusal.count()).toBe(0);
  });
});
