// Mutation testing of the pure mapping from Harbor's records to the view model, by the mapping's own tests:
// `yarn test:mutation` at the repo root runs it (issue #16).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The configuration `backstage-cli package test` builds (SWC transform, environment by package role).
    configFile: require.resolve('@backstage/cli/config/jest.js'),
    // Only the mapping's suites: the package's other suites start backends and databases.
    config: { testMatch: ['<rootDir>/mapping/**/*.test.ts'] },
  },
  mutate: ['src/mapping/**/*.ts', '!src/mapping/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: {
    fileName: '../../reports/mutation/harbor-backend-mapping.html',
  },
  jsonReporter: {
    fileName: '../../reports/mutation/harbor-backend-mapping.json',
  },
  tempDirName: '../../.stryker-tmp/harbor-backend',
};
