import {
  describeConfigurationReference,
  markdownTableUnder,
} from '@backstage-harbor/readme-checks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import harborPlugin, * as alpha from './alpha';
import * as root from './index';

const PACKAGE_DIR = resolve(__dirname, '..');
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);

/** The ids of the extensions of the `/alpha` plugin, as the app knows them. */
const extensionIds = (
  harborPlugin as unknown as { extensions: Array<{ id: string }> }
).extensions.map(e => e.id);

describe('the README of plugin-harbor', () => {
  describe('new frontend system', () => {
    const table = tableUnder('### New frontend system');

    it('lists exactly the extensions of the /alpha plugin', () => {
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

    it('pairs each extension id with the /alpha export that defines it', () => {
      for (const [id, name] of table) {
        const exported = (alpha as Record<string, any>)[name];
        const extension = harborPlugin.getExtension(id as any) as any;
        expect({ id, kind: exported?.kind, name: exported?.name }).toEqual({
          id,
          kind: extension.kind,
          name: extension.name,
        });
        expect(exported.factory).toBe(extension.factory);
      }
    });

    it('documents the /alpha default export, a frontend plugin', () => {
      expect(README).toContain(
        "import harborPlugin from '@backstage-harbor/plugin-harbor/alpha';",
      );
      expect(harborPlugin.$$type).toBe('@backstage/FrontendPlugin');
      expect(typeof alpha.isHarborEntity).toBe('function');
      expect(README).toContain('`isHarborEntity`');
    });
  });

  describe('legacy frontend system', () => {
    const exported = root as Record<string, unknown>;

    it('names only exports of the package root', () => {
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

    it('imports only exports of the package root in its EntityPage example', () => {
      const example =
        /import \{([^}]+)\} from '@backstage-harbor\/plugin-harbor';/.exec(
          README,
        );
      const names = example![1]
        .split(',')
        .map(n => n.trim())
        .filter(Boolean);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(exported[name]).toBeDefined();
    });

    it('lists every component extension the package root exports', () => {
      const components = Object.keys(exported).filter(name =>
        /^Entity\w+|FieldExtension$/.test(name),
      );
      for (const name of components) expect(README).toContain(`\`${name}\``);
    });
  });

  describeConfigurationReference({
    readme: README,
    configFile: resolve(PACKAGE_DIR, 'config.d.ts'),
    declaresSecrets: false,
  });
});
