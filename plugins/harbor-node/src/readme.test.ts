import {
  configKeys,
  markdownTableUnder,
  yamlPaths,
} from '@backstage-harbor/readme-checks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as nodeLibrary from './index';

const PACKAGE_DIR = resolve(__dirname, '..');
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);
const keys = configKeys(resolve(PACKAGE_DIR, 'config.d.ts'));
const rows = tableUnder('### Configuration reference');
const rowOf = (path: string) => rows.find(([key]) => key === path);

describe('the README of plugin-harbor-node', () => {
  describe('configuration reference', () => {
    it('lists every key of config.d.ts', () => {
      expect(keys.length).toBeGreaterThan(0);
      const missing = keys.map(k => k.path).filter(path => !rowOf(path));
      expect(missing).toEqual([]);
    });

    it('lists no key that config.d.ts does not declare', () => {
      const declared = new Set(keys.map(k => k.path));
      expect(rows.map(([key]) => key).filter(k => !declared.has(k))).toEqual(
        [],
      );
    });

    it('gives each key the type, requiredness, default and visibility of config.d.ts', () => {
      const documented = keys.map(key => {
        const [, type, defaultCell = '', visibility] = rowOf(key.path) ?? [];
        const stated = key.documentedDefault;
        return {
          key: key.path,
          type,
          required: defaultCell === 'required',
          default:
            stated && defaultCell.toLowerCase().includes(stated.toLowerCase())
              ? stated
              : stated && defaultCell,
          visibility,
        };
      });
      expect(documented).toEqual(
        keys.map(key => ({
          key: key.path,
          type: key.type,
          required: key.required,
          default: key.documentedDefault,
          visibility: key.visibility,
        })),
      );
    });

    it('marks every @visibility secret key as secret', () => {
      const secrets = keys.filter(k => k.visibility === 'secret');
      expect(secrets.length).toBeGreaterThan(0);
      for (const key of secrets) {
        expect(rowOf(key.path)![3]).toBe('secret');
      }
    });

    it('uses only declared keys in its YAML examples', () => {
      const declared = keys.map(k => k.path);
      const examples = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
        m => m[1],
      );
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        for (const doc of parseAllDocuments(example)) {
          const paths = yamlPaths(doc.toJS(), '').filter(p =>
            p.startsWith('harbor.'),
          );
          expect(paths.filter(p => !declared.includes(p))).toEqual([]);
        }
      }
    });
  });

  it('names only exports of the package in its API table', () => {
    const exported = nodeLibrary as Record<string, unknown>;
    const names = tableUnder('### API in short')
      .filter(([, meaning]) => !meaning.startsWith('types'))
      .flatMap(([cell]) => cell.split(',').map(name => name.trim()));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect({ name, exported: exported[name] !== undefined }).toEqual({
        name,
        exported: true,
      });
    }
  });
});
