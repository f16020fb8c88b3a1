#!/bin/sh
# The size limits of the workspace's hand-written sources (../eslint-size-limits.js: 500 lines a file, 80 a
# function) applied to the benchmarks, which are not in the Yarn workspace. Run from anywhere after `yarn install`.
set -e
cd "$(dirname "$0")/.."
ESLINT_USE_FLAT_CONFIG=false exec node node_modules/eslint/bin/eslint.js --no-eslintrc \
  --parser @typescript-eslint/parser --ext .ts \
  --rule '{"max-lines-per-function": ["error", {"max": 80, "skipBlankLines": true, "skipComments": true}], "max-lines": ["error", {"max": 500, "skipBlankLines": true, "skipComments": true}]}' \
  bench
