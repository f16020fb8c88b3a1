import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, repoRoot } from '@backstage-harbor/e2e-harness';
import {
  appUrl,
  backendUrl,
  CleanApp,
  entityRef,
  readmes,
  startCleanApp,
} from './cleanApp';
import { measureFootprints } from './footprint';
import { run } from './processes';
import { readPackedManifest } from './registry';

jest.setTimeout(900_000);

const screenshotDir = resolve(repoRoot, 'e2e-test-report');
const started = Date.now();

/**
 * The published form of the plugins, proven in a Backstage app of its own: packed, installed from a registry
 * with the READMEs' commands, wired with the READMEs' code, started against the Harbor simulator.
 */
describe('the packed plugins in a clean Backstage app', () => {
  let app: CleanApp;
  let token: string;

  beforeAll(async () => {
    app = await startCleanApp();
    const refresh = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!refresh.ok) {
      throw new Error(`guest sign-in answered ${refresh.status}`);
    }
    token = (await refresh.json()).backstageIdentity.token;
  });

  afterAll(async () => {
    await app?.stop();
    const total = Math.round((Date.now() - started) / 1000);
    const steps = Object.entries(app?.timings ?? {})
      .map(([step, ms]) => `${step} ${Math.round(ms / 1000)} s`)
      .join(', ');
    // The figure the CI budget is checked against.
    console.log(`install test: ${total} s (${steps})`);
  });

  it('installs each plugin from its tarball', () => {
    for (const tarball of app.tarballs) {
      const packed = readPackedManifest(tarball);
      const installed = join(app.dir, 'node_modules', packed.name);
      expect(
        JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')),
      ).toEqual(
        expect.objectContaining({ name: packed.name, version: packed.version }),
      );
      // The code the app runs is the code packed in this run, not an earlier run's copy from Yarn's cache.
      const main = packed.main.replace(/^\.\//, '');
      const installedMain = createHash('sha256')
        .update(readFileSync(join(installed, main)))
        .digest('hex');
      const packedMain = createHash('sha256')
        .update(
          require('node:child_process').execFileSync('tar', [
            '-xzOf',
            tarball,
            `package/${main}`,
          ]),
        )
        .digest('hex');
      expect({ name: packed.name, main: installedMain }).toEqual({
        name: packed.name,
        main: packedMain,
      });
    }
  });

  it('adds no second copy of React or a Backstage core API to the app', () => {
    const names = app.tarballs.map(t => readPackedManifest(t).name);
    const footprints = measureFootprints(app.dir, names);
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(
      join(screenshotDir, 'install-footprint.json'),
      JSON.stringify(footprints, null, 2),
    );
    // The figures the READMEs and the release notes quote: what installing each package adds to an app.
    console.log(
      footprints
        .map(
          f =>
            `${f.name}: ${f.directDependencies} dependencies, adds ${
              f.addedPackages
            } packages, ${(f.addedBytes / 1e6).toFixed(1)} MB`,
        )
        .join('\n'),
    );
    const singletons =
      /^(react|react-dom|react-router|react-router-dom|@material-ui\/core|@backstage\/(core-plugin-api|frontend-plugin-api|backend-plugin-api|plugin-catalog-react|plugin-scaffolder-node|plugin-permission-common|catalog-model))$/;
    for (const footprint of footprints) {
      expect({
        name: footprint.name,
        duplicates: footprint.duplicates.filter(n => singletons.test(n)),
      }).toEqual({ name: footprint.name, duplicates: [] });
    }
  });

  it("answers an entity's images from Harbor to a signed-in user, and 401 without a token", async () => {
    const url = `${backendUrl}/api/harbor/entities/${entityRef.namespace}/${entityRef.kind}/${entityRef.name}/images`;
    // The catalog reads the app's entities on its first processing loop.
    const deadline = Date.now() + 120_000;
    let response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    while (response.status === 404 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 1000));
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
      });
    }
    expect(response.status).toBe(200);
    const images = await response.json();
    expect(
      images.repositories.map(
        (r: { project: string; repository: string }) =>
          `${r.project}/${r.repository}`,
      ),
    ).toEqual(['team-a/api']);
    expect(images.repositories[0].artifacts.length).toBeGreaterThan(0);

    expect((await fetch(url)).status).toBe(401);
  });

  it('lists every harbor action of the README in the scaffolder', async () => {
    const documented = [
      ...readFileSync(readmes.scaffolder, 'utf8').matchAll(
        /^### `(harbor:[\w:-]+)`/gm,
      ),
    ].map(m => m[1]);
    expect(documented.length).toBeGreaterThan(0);
    const response = await fetch(`${backendUrl}/api/scaffolder/v2/actions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const ids = ((await response.json()) as { id: string }[]).map(a => a.id);
    expect(ids.filter(id => id.startsWith('harbor:')).sort()).toEqual(
      documented.sort(),
    );
  });

  it("renders the entity page's Harbor tab and cards in Chromium", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 1000 },
      });
      await page.goto(appUrl);
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.click({ timeout: 120_000 });
      // Signed in once the sign-in page is gone; the session then survives navigation.
      await enter.waitFor({ state: 'detached', timeout: 60_000 });
      await page.goto(
        `${appUrl}/catalog/${entityRef.namespace}/${entityRef.kind}/${entityRef.name}/harbor`,
      );
      mkdirSync(screenshotDir, { recursive: true });
      await page
        .getByRole('heading', { name: /^team-a\/api\s/ })
        .waitFor({ timeout: 120_000 })
        .catch(async error => {
          await page.screenshot({
            path: join(screenshotDir, 'install-test-failure.png'),
            fullPage: true,
          });
          throw error;
        });
      expect(await page.getByText('2.1.0').count()).toBeGreaterThan(0);
      await page.screenshot({
        path: join(screenshotDir, 'install-test-harbor-tab.png'),
        fullPage: true,
      });

      // The cards, on the overview of the same entity.
      await page.goto(
        `${appUrl}/catalog/${entityRef.namespace}/${entityRef.kind}/${entityRef.name}`,
      );
      await page
        .getByText('Image vulnerabilities')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByText('Registry health').first().waitFor();
      await page.screenshot({
        path: join(screenshotDir, 'install-test-overview.png'),
        fullPage: true,
      });
    } finally {
      await browser.close();
    }
  });

  it("type-checks the READMEs' code for the new and the legacy frontend system and the new backend", async () => {
    await expect(
      run('yarn', ['tsc', '--noEmit'], { cwd: app.dir }),
    ).resolves.toBeDefined();
  });
});
