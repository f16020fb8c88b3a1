// Prints the one closing line CI reads, "Tests: N passed, N failed", from Jest's --json reports and the
// checks scripts/test ran, and exits non-zero when anything failed or a report is missing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir).sort()) {
  const path = join(dir, file);
  if (file.startsWith('check-')) {
    const ok = readFileSync(path, 'utf8').trim() === 'pass';
    ok ? passed++ : failed++;
    if (!ok) console.log(`failed check: ${file.slice('check-'.length)}`);
  } else if (file.endsWith('.json')) {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests;
    // A suite that fails to load has no failed tests of its own: count it as one failure.
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    for (const suite of report.testResults) {
      if (suite.status === 'failed') console.log(`failed suite: ${suite.name}`);
    }
  }
}
for (const expected of [
  'jest-packages.json',
  'jest-e2e.json',
  'jest-install.json',
]) {
  if (!readdirSync(dir).includes(expected)) {
    console.log(`missing report: ${expected} (the test run did not finish)`);
    failed++;
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
