// Mutation testing of the package by its own tests: `yarn test:mutation` at the repo root runs it.
// Repo tooling shared by the packages' mutation tests, not package code.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { strykerConfig } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  name: 'harbor-common',
  mutate: ['src/**/*.ts', '!src/**/*.test.ts'],
  breakAt: 90,
});
