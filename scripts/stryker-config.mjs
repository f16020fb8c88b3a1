// The StrykerJS configuration every plugins/*/stryker.config.mjs is built from (`yarn test:mutation`, issue #16):
// the Backstage CLI's Jest configuration, per-test coverage, two runners for a two-core machine, and the reports
// and sandboxes in ignored folders at the repo root.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {object} options
 * @param {string} options.name - names the report (`reports/mutation/<name>.html` and `.json`) and the sandbox
 * @param {string[]} options.mutate - the files whose mutants count, relative to the package
 * @param {number} options.breakAt - the lowest mutation score (%) that passes
 * @param {object} [options.jest] - Jest options over the Backstage CLI's, e.g. `testMatch` to run only some suites
 * @param {object} [options.more] - further Stryker options, e.g. `ignoreStatic`
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig({ name, mutate, breakAt, jest = {}, more = {} }) {
  return {
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      // The configuration `backstage-cli package test` builds (SWC transform, environment by package role).
      configFile: require.resolve('@backstage/cli/config/jest.js'),
      config: jest,
    },
    mutate,
    coverageAnalysis: 'perTest',
    concurrency: 2,
    thresholds: {
      high: Math.min(100, breakAt + 5),
      low: breakAt,
      break: breakAt,
    },
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: join(root, 'reports/mutation', `${name}.html`) },
    jsonReporter: { fileName: join(root, 'reports/mutation', `${name}.json`) },
    tempDirName: join(root, '.stryker-tmp', name),
    ...more,
  };
}
