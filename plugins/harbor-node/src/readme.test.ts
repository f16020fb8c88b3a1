import {
  describeConfigurationReference,
  markdownTableUnder,
} from '@backstage-harbor/readme-checks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as nodeLibrary from './index';

const PACKAGE_DIR = resolve(__dirname, '..');
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);

describe('the README of plugin-harbor-node', () => {
  describeConfigurationReference({
    readme: README,
    configFile: resolve(PACKAGE_DIR, 'config.d.ts'),
    declaresSecrets: true,
    yamlExamplesUse: [],
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
