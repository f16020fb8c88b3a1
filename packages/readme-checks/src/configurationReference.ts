// A test suite shared by the plugins' README tests: exporting it is the point.
/* eslint-disable jest/no-export */
import { parseAllDocuments } from 'yaml';
import { configKeys, markdownTableUnder, yamlPaths } from './index';

/**
 * The Jest tests that keep a plugin README's "Configuration reference" table true to its config.d.ts: the same
 * keys, each with its type, requiredness, default and visibility, every secret marked, and (when asked) YAML
 * examples that set only declared `harbor.*` keys.
 */
export function describeConfigurationReference(options: {
  /** The README's text. */
  readme: string;
  /** The package's config.d.ts. */
  configFile: string;
  /** Whether the package declares secrets, so that a lost `@visibility secret` fails. */
  declaresSecrets: boolean;
  /** When given, the README's YAML examples may set the keys of these config.d.ts files and of `configFile`. */
  yamlExamplesUse?: string[];
}): void {
  const keys = configKeys(options.configFile);
  const rows = markdownTableUnder(
    options.readme,
    '### Configuration reference',
  );
  const rowOf = (path: string) => rows.find(([key]) => key === path);

  describe('configuration reference', () => {
    it('lists exactly the keys of config.d.ts', () => {
      expect(keys.length).toBeGreaterThan(0);
      expect(rows.map(([key]) => key).sort()).toEqual(
        keys.map(k => k.path).sort(),
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
      expect(secrets.length > 0).toBe(options.declaresSecrets);
      for (const key of secrets) expect(rowOf(key.path)![3]).toBe('secret');
    });

    const yamlExamplesUse = options.yamlExamplesUse;
    if (yamlExamplesUse) {
      it('sets only declared harbor.* keys in its YAML examples', () => {
        const declared = [
          ...keys,
          ...yamlExamplesUse.flatMap(file => configKeys(file)),
        ];
        // A key typed as a value object (a HumanDuration such as `{ seconds: 30 }`) is set with its fields.
        const isDeclared = (path: string) =>
          declared.some(
            k =>
              k.path === path ||
              (!k.type.startsWith('object') && path.startsWith(`${k.path}.`)),
          );
        const used = [...options.readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
          .flatMap(m => parseAllDocuments(m[1]).map(doc => doc.toJS()))
          .flatMap(doc => yamlPaths(doc, ''))
          .filter(p => p.startsWith('harbor.'));
        expect(used.length).toBeGreaterThan(0);
        expect(used.filter(p => !isDeclared(p))).toEqual([]);
      });
    }
  });
}
