import * as nodeLibrary from '@backstage-harbor/plugin-harbor-node';
import { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import { ConfigReader } from '@backstage/config';
import {
  describeConfigurationReference,
  markdownTableUnder,
  yamlPaths,
} from '@backstage-harbor/readme-checks';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { testAuthorizer } from './__testUtils__/permissions';
import { createHarborActions } from './actions';
import * as moduleExports from './index';

const PACKAGE_DIR = resolve(__dirname, '..');
/** The node library's config.d.ts: the instance keys that this package's examples set too. */
const nodeLibraryConfig = resolve(
  dirname(require.resolve('@backstage-harbor/plugin-harbor-node/package.json')),
  'config.d.ts',
);
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);
const yamlExamples = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap(
  m => parseAllDocuments(m[1]).map(doc => doc.toJS()),
);

const dummyConfig = new ConfigReader({
  harbor: { baseUrl: 'https://harbor.example.com' },
});
const actions = createHarborActions({
  clients: HarborClients.fromConfig(dummyConfig),
  config: dummyConfig,
  authorizer: testAuthorizer(),
});

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  default?: unknown;
}

/** The inputs of an action in the README's notation (`robots[].name`), with required flag and default. */
function inputsOf(schema: JsonSchema, prefix = '') {
  const inputs: Array<{ name: string; required: boolean; default?: unknown }> =
    [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    inputs.push({
      name: `${prefix}${name}`,
      required: schema.required?.includes(name) ?? false,
      default: property.default,
    });
    if (property.items?.properties) {
      inputs.push(...inputsOf(property.items, `${prefix}${name}[].`));
    }
  }
  return inputs;
}

/** The paths of the fields inside object inputs (`platform.s3.endpoint`), for checking examples. */
function nestedPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
    property.properties
      ? [`${prefix}${name}`, ...nestedPaths(property, `${prefix}${name}.`)]
      : [`${prefix}${name}`],
  );
}

describe('the README of the Harbor scaffolder module', () => {
  describe('actions', () => {
    const ids = actions.map(a => a.id);

    it('has a section for exactly the registered actions', () => {
      const documented = [...README.matchAll(/^### `([^`]+)`$/gm)].map(
        m => m[1],
      );
      expect(documented.sort()).toEqual([...ids].sort());
    });

    it('names no action id that is not registered', () => {
      const named = new Set(README.match(/\bharbor:[a-z]+:[a-z]+\b/g));
      expect([...named].filter(id => !ids.includes(id))).toEqual([]);
    });

    it.each(actions.map(a => [a.id, a] as const))(
      'lists exactly the inputs of %s, with their required flags and defaults',
      (id, action) => {
        const table = tableUnder(`### \`${id}\``);
        const inputs = inputsOf(action.schema?.input as JsonSchema);
        expect(table.map(([name]) => name).sort()).toEqual(
          inputs.map(i => i.name).sort(),
        );
        const documented = inputs.map(input => {
          const [, , defaultCell] =
            table.find(([name]) => name === input.name) ?? [];
          return {
            input: input.name,
            required: defaultCell === 'required',
            default: input.default === undefined ? undefined : defaultCell,
          };
        });
        expect(documented).toEqual(
          inputs.map(input => ({
            input: input.name,
            required: input.required,
            default:
              input.default === undefined ? undefined : String(input.default),
          })),
        );
      },
    );

    it('declares dry-run support on every action, as the README says', () => {
      expect(README).toContain('Every action declares `supportsDryRun`');
      for (const action of actions) expect(action.supportsDryRun).toBe(true);
    });

    it('gives example steps that use registered actions and their inputs only', () => {
      const steps = yamlExamples.flatMap(
        doc => (doc?.steps ?? []) as Array<{ action: string; input: object }>,
      );
      expect(steps.length).toBeGreaterThanOrEqual(actions.length);
      for (const step of steps) {
        const action = actions.find(a => a.id === step.action);
        expect({ action: step.action, registered: !!action }).toEqual({
          action: step.action,
          registered: true,
        });
        const known = [
          ...inputsOf(action!.schema?.input as JsonSchema).map(i => i.name),
          ...nestedPaths(action!.schema?.input as JsonSchema),
        ];
        const used = yamlPaths(step.input, '');
        expect(used.filter(p => !known.includes(p))).toEqual([]);
      }
    });
  });

  describeConfigurationReference({
    readme: README,
    configFile: resolve(PACKAGE_DIR, 'config.d.ts'),
    // The robot secrets' cluster token and the Git credentials are declared by the node library.
    declaresSecrets: false,
    yamlExamplesUse: [nodeLibraryConfig],
  });

  it('names only exports of the package, and of the node library where it says so', () => {
    const exported = moduleExports as Record<string, unknown>;
    const nodeLibraryExports = nodeLibrary as Record<string, unknown>;
    for (const name of [
      'robotSecretStoresServiceRef',
      'robotSecretStoresFromConfig',
      'KubernetesRobotSecretStore',
      'gitopsTargetsServiceRef',
      'gitopsTargetsFromConfig',
    ]) {
      expect(README).toContain(`\`${name}\``);
      expect(nodeLibraryExports[name]).toBeDefined();
    }
    // Prettier may wrap the line (and add a trailing comma); compare without them.
    expect(README.replace(/\s+/g, '').replace(/,\)/g, ')')).toContain(
      "backend.add(import('@backstage-harbor/plugin-scaffolder-backend-module-harbor'));",
    );
    expect((exported.default as { $$type: string }).$$type).toBe(
      '@backstage/BackendFeature',
    );
  });
});
