// Mutation testing of the reconcilers by the provisioning actions' tests (issue #16): `yarn test:mutation` at the
// repo root runs it, or `yarn run -T stryker run` in this folder.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The configuration `backstage-cli package test` builds (SWC transform, environment by package role).
    configFile: require.resolve('@backstage/cli/config/jest.js'),
    // Only the suites that drive the reconcilers. Not faults.test.ts: it runs a whole onboarding in beforeAll,
    // which Stryker cannot attribute to a test, so every mutant it reaches would rerun every suite.
    config: {
      testMatch: [
        '<rootDir>/provisioning/*.test.ts',
        '<rootDir>/actions/ensure*.test.ts',
        '<rootDir>/actions/badInput.test.ts',
      ],
      // The suites start the Harbor and Kubernetes simulators (and a Git server) in beforeAll; two test runners on
      // two cores need longer than Jest's default 5 s for that.
      testTimeout: 60_000,
    },
  },
  mutate: [
    'src/provisioning/*Reconciler.ts',
    'src/provisioning/plan.ts',
    'src/provisioning/quota.ts',
    'src/provisioning/cron.ts',
    'src/provisioning/rules.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: rule tables, cron ranges, units) rerun every suite each, which takes
  // hours on two cores; they are reported as ignored. The parsers' own tests read those tables.
  ignoreStatic: true,
  concurrency: 2,
  // A mutant's suites start simulators; on a busy machine that takes far longer than Stryker's default 5 s allowance,
  // and every timeout restarts a test runner, which costs minutes.
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: {
    fileName: '../../reports/mutation/scaffolder-reconcilers.html',
  },
  jsonReporter: {
    fileName: '../../reports/mutation/scaffolder-reconcilers.json',
  },
  tempDirName: '../../.stryker-tmp/scaffolder-harbor-actions',
};
