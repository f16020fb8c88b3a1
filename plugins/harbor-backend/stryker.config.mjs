// Mutation testing of the pure mapping from Harbor's records to the view model, by the mapping's own tests:
// `yarn test:mutation` at the repo root runs it.
// Repo tooling shared by the packages' mutation tests, not package code.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { strykerConfig } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  name: 'harbor-backend-mapping',
  mutate: ['src/mapping/**/*.ts', '!src/mapping/**/*.test.ts'],
  breakAt: 85,
  // Only the mapping's suites: the package's other suites start backends and databases.
  jest: { testMatch: ['<rootDir>/mapping/**/*.test.ts'] },
});
