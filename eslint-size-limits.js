/*
 * Small files by concern and short functions (../shared/STYLE.md): every workspace package's ESLint config
 * applies these to its hand-written sources. Tests, test utilities and generated code are exempt.
 */
const limits = {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  excludedFiles: [
    '**/*.test.*',
    '**/__testUtils__/**',
    '**/generated/**',
    'src/setupTests.*',
  ],
  rules: {
    'max-lines': [
      'error',
      { max: 500, skipBlankLines: true, skipComments: true },
    ],
    'max-lines-per-function': [
      'error',
      { max: 80, skipBlankLines: true, skipComments: true },
    ],
  },
};

/** The Backstage ESLint config of the package in `dir`, with the size limits. */
module.exports = (dir, extraConfig = {}) =>
  require('@backstage/cli/config/eslint-factory')(dir, {
    ...extraConfig,
    overrides: [limits, ...(extraConfig.overrides ?? [])],
  });
