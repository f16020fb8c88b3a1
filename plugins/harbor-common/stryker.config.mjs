// Mutation testing of the package's own tests: `yarn test:mutation` at the repo root runs it (issue #16).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The configuration `backstage-cli package test` builds (SWC transform, environment by package role).
    configFile: require.resolve('@backstage/cli/config/jest.js'),
  },
  mutate: ['src/**/*.ts', '!src/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '../../reports/mutation/harbor-common.html' },
  jsonReporter: { fileName: '../../reports/mutation/harbor-common.json' },
  tempDirName: '../../.stryker-tmp/harbor-common',
};
