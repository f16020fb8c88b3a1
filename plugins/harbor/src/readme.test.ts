// The README checks run in Jest under Node only; they never reach the browser bundle.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  describeConfigurationReference,
  markdownTableUnder,
} from '@backstage-harbor/readme-checks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import harborPlugin, * as root from './index';
import * as legacy from './legacy';

const PACKAGE_DIR = resolve(__dirname, '..');
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);

/** The ids of the extensions of the package root's plugin, as the app knows them. */
const extensionIds = (
  harborPlugin as unknown as { extensions: Array<{ id: string }> }
).extensions.map(e => e.id);

describe('the README of plugin-harbor', () => {
  describe('new frontend system', () => {
    const table = tableUnder('### New frontend system');

    it("lists exactly the extensions of the package root's plugin", () => {
      expect(extensionIds.length).toBeGreaterThan(0);
      expect(table.map(([id]) => id).sort()).toEqual([...extensionIds].sort());
    });

    it('names ids the plugin resolves, in its table and its app-config examples', () => {
      const named = new Set([
        ...table.map(([id]) => id),
        ...(README.match(/\b[a-z-]+:harbor(?:\/[a-z-]+)?(?=[`:\s])/g) ?? []),
      ]);
      for (const id of named) {
        expect(() => harborPlugin.getExtension(id as any)).not.toThrow();
      }
    });

    it('pairs each extension id with the package root export that defines it', () => {
      for (const [id, name] of table) {
        const exported = (root as Record<string, any>)[name];
        const extension = harborPlugin.getExtension(id as any) as any;
        expect({ id, kind: exported?.kind, name: exported?.name }).toEqual({
          id,
          kind: extension.kind,
          name: extension.name,
        });
        expect(exported.factory).toBe(extension.factory);
      }
    });

    it('documents the default export of the package root, a frontend plugin', () => {
      expect(README).toContain(
        "import harborPlugin from '@backstage-harbor/plugin-harbor';",
      );
      expect(harborPlugin.$$type).toBe('@backstage/FrontendPlugin');
      expect(typeof root.isHarborEntity).toBe('function');
      expect(README).toContain('`isHarborEntity`');
    });

    it('has no /alpha entry point, which app discovery would load as a second plugin', () => {
      expect(README).not.toContain('@backstage-harbor/plugin-harbor/alpha');
      const manifest = JSON.parse(
        readFileSync(resolve(PACKAGE_DIR, 'package.json'), 'utf8'),
      );
      expect(Object.keys(manifest.exports)).toEqual([
        '.',
        './legacy',
        './package.json',
      ]);
    });
  });

  describe('legacy frontend system', () => {
    const exported = legacy as Record<string, unknown>;

    it('names only exports of /legacy', () => {
      const names = tableUnder('### Legacy frontend system').flatMap(([cell]) =>
        cell.split(',').map(name => name.trim()),
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect({ name, exported: exported[name] !== undefined }).toEqual({
          name,
          exported: true,
        });
      }
    });

    it('imports only exports of /legacy in its EntityPage example', () => {
      const example =
        /import \{([^}]+)\} from '@backstage-harbor\/plugin-harbor\/legacy';/.exec(
          README,
        );
      const names = example![1]
        .split(',')
        .map(n => n.trim())
        .filter(Boolean);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(exported[name]).toBeDefined();
    });

    it('lists every component extension /legacy exports', () => {
      const components = Object.keys(exported).filter(name =>
        /^Entity\w+|FieldExtension$/.test(name),
      );
      for (const name of components) expect(README).toContain(`\`${name}\``);
    });
  });

  describe('for your own components', () => {
    it('names only exports of the package root', () => {
      const names = tableUnder('### For your own components').flatMap(
        ([cell]) => cell.split(',').map(name => name.trim()),
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect({ name, exported: name in root }).toEqual({
          name,
          exported: true,
        });
      }
    });

    it('lists every hook the package root exports', () => {
      const hooks = Object.keys(root).filter(name => /^use[A-Z]/.test(name));
      expect(hooks.length).toBeGreaterThan(0);
      for (const name of hooks) expect(README).toContain(`\`${name}\``);
    });
  });

  describeConfigurationReference({
    readme: README,
    configFile: resolve(PACKAGE_DIR, 'config.d.ts'),
    declaresSecrets: false,
  });
});
