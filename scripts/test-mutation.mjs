// Runs StrykerJS for every package that has a plugins/*/stryker.config.mjs, one package after the other, in the
// package's folder. `yarn test:mutation [package folder name ...]` runs only the named packages. Exits non-zero
// when a package's score is under its `thresholds.break` or Stryker fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stryker = join(
  dirname(
    createRequire(import.meta.url).resolve(
      '@stryker-mutator/core/package.json',
    ),
  ),
  'bin/stryker.js',
);
const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'plugins'))
  .filter(name => existsSync(join(root, 'plugins', name, 'stryker.config.mjs')))
  .filter(name => only.length === 0 || only.includes(name))
  .sort();
if (packages.length === 0) {
  console.error(
    `test:mutation: no plugins/*/stryker.config.mjs matches ${
      only.join(', ') || 'anything'
    }`,
  );
  process.exit(1);
}

const failed = [];
for (const name of packages) {
  console.log(`::: mutation testing plugins/${name}`);
  const run = spawnSync(
    process.execPath,
    [stryker, 'run', 'stryker.config.mjs'],
    {
      cwd: join(root, 'plugins', name),
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) failed.push(name);
}
console.log(
  `test:mutation: ${packages.length - failed.length} of ${
    packages.length
  } packages at or above their break threshold`,
);
if (failed.length > 0) {
  console.log(
    `test:mutation: under the threshold or failed: ${failed.join(', ')}`,
  );
  process.exit(1);
}
