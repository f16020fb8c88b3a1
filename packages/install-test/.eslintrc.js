module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The clean app's sources: linted as that app, by its own type check in the test.
  ignorePatterns: ['template/'],
});
