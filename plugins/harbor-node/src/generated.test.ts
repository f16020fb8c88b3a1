import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

describe('src/generated', () => {
  it('matches what scripts/generate.mjs builds from spec/harbor-swagger.yaml', async () => {
    const root = join(__dirname, '..');
    // generate.mjs --check exits 1 and names the stale files when the committed output differs.
    await expect(
      promisify(execFile)(
        process.execPath,
        [join(root, 'scripts/generate.mjs'), '--check'],
        { cwd: root },
      ),
    ).resolves.toMatchObject({ stdout: expect.stringContaining('up to date') });
  }, 60_000);
});
