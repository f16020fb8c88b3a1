module.exports = require('../../eslint-size-limits')(__dirname, {
  // The clean app's sources: linted as that app, by its own type check in the test.
  ignorePatterns: ['template/'],
});
