module.exports = require('../../eslint-size-limits')(__dirname, {
  rules: {
    // supertest's .expect(status) is an assertion.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'request.**.expect'] },
    ],
  },
});
