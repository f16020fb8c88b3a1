import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as common from './index';

const README = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

/** The text of a `## heading` section, up to the next `## ` heading. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The body rows of every Markdown table in a text, as cells without backticks. */
function tableRows(text: string): string[][] {
  const rows = text
    .split('\n')
    .filter(line => line.startsWith('|'))
    .map(line =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim().replace(/`/g, '')),
    );
  // Drop each table's header row and its --- separator.
  return rows.filter(
    (row, i) =>
      !row.every(cell => /^:?-+:?$/.test(cell)) &&
      !rows[i + 1]?.every(cell => /^:?-+:?$/.test(cell)),
  );
}

const exported = common as Record<string, unknown>;

describe('the README of plugin-harbor-common', () => {
  describe('permissions', () => {
    const rows = tableRows(section('Permissions'));

    it('lists exactly the permissions the package defines', () => {
      expect(rows.map(([name]) => name).sort()).toEqual(
        common.harborPermissions.map(p => p.name).sort(),
      );
    });

    it('names for each permission the exported constant that defines it', () => {
      for (const [name, constant] of rows) {
        expect(exported[constant]).toMatchObject({ name });
      }
    });

    it('states the resource type and action the permissions really have', () => {
      for (const [name, , resourceType, action] of rows) {
        const permission = common.harborPermissions.find(p => p.name === name);
        expect({ name, resourceType, action }).toEqual({
          name,
          resourceType:
            permission?.type === 'resource' ? permission.resourceType : 'basic',
          action: permission?.attributes.action,
        });
      }
      expect(section('Permissions')).toContain(
        `\`${RESOURCE_TYPE_CATALOG_ENTITY}\``,
      );
      expect(section('Permissions')).toContain(
        `\`${common.RESOURCE_TYPE_HARBOR_PROJECT}\``,
      );
      expect(section('Permissions')).toContain(
        '`harbor.migration.read` is a basic permission',
      );
    });

    it('names the project permissions harborProjectPermissions holds', () => {
      expect(
        rows
          .filter(([, , resourceType]) => resourceType === 'harbor-project')
          .map(([name]) => name),
      ).toEqual(common.harborProjectPermissions.map(p => p.name));
    });

    it('shows a policy that imports only exported permissions', () => {
      const imported = [
        ...section('Permissions').matchAll(/\b(harbor\w+Permission)\b/g),
      ].map(m => m[1]);
      expect(imported.length).toBeGreaterThan(0);
      for (const name of imported) {
        expect(exported[name]).toBeDefined();
      }
    });
  });

  describe('annotations', () => {
    const [annotations, forms] = section('Annotations')
      .split(/\n(?=The forms of)/)
      .map(tableRows);

    it('lists exactly the annotations the package exports', () => {
      const constants = Object.entries(exported).filter(([key]) =>
        key.endsWith('_ANNOTATION'),
      );
      expect(annotations.map(([name]) => name).sort()).toEqual(
        constants.map(([, value]) => value).sort(),
      );
      for (const [name, constant] of annotations) {
        expect(exported[constant]).toBe(name);
      }
    });

    it('gives slug examples that the parser accepts', () => {
      expect(forms.length).toBeGreaterThanOrEqual(4);
      for (const [, example] of forms) {
        expect(common.parseRepositorySlugs(example).length).toBeGreaterThan(0);
      }
    });

    it('describes the host, nested and comma forms as the parser reads them', () => {
      const example = (form: string) =>
        forms.find(([f]) => f.startsWith(form))![1];
      expect(common.parseRepositorySlugs(example('host/project/repo'))).toEqual(
        [
          {
            instance: 'harbor.example.com',
            project: 'team-a',
            repository: 'api',
          },
        ],
      );
      expect(common.parseRepositorySlugs(example('nested'))).toEqual([
        {
          instance: undefined,
          project: 'team-a',
          repository: 'batch/nightly-report',
        },
      ]);
      expect(common.parseRepositorySlugs(example('several'))).toHaveLength(2);
    });
  });

  it('names only functions the package exports', () => {
    const called = [...README.matchAll(/`(\w+)\(/g)].map(m => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) {
      expect(typeof exported[name]).toBe('function');
    }
  });
});
