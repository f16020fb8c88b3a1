import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GitServer, startGitServer } from './server';

const execFileAsync = promisify(execFile);

// Async: the server answers in this process. Credentials go in an Authorization header from the environment, never in a URL or argv.
async function git(cwd: string, args: string[], auth?: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: cwd,
  };
  if (auth) {
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
    env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${Buffer.from(auth).toString(
      'base64',
    )}`;
  }
  const { stdout } = await execFileAsync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
    { cwd, env, encoding: 'utf8' },
  );
  return stdout;
}

describe('startGitServer', () => {
  let server: GitServer;
  let work: string;

  beforeAll(async () => {
    server = await startGitServer({
      users: [{ username: 'ci', password: 's3cret-pw' }],
    });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'git-server-test-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('clones, then pushes a commit that a fresh clone reads back', async () => {
    const url = server.createRepository('platform');
    await git(work, ['clone', '--quiet', url, 'a']);
    const a = path.join(work, 'a');
    fs.writeFileSync(path.join(a, 'README.md'), 'hello\n');
    await git(a, ['add', '.']);
    await git(a, ['commit', '--quiet', '-m', 'first']);
    await git(a, ['push', '--quiet', 'origin', 'HEAD:main'], 'ci:s3cret-pw');

    await git(work, ['clone', '--quiet', url, 'b']);
    expect(fs.readFileSync(path.join(work, 'b', 'README.md'), 'utf8')).toBe(
      'hello\n',
    );
    expect(
      (await git(path.join(work, 'b'), ['log', '--format=%s'])).trim(),
    ).toBe('first');
    expect(
      server.requests.some(
        r => r.service === 'git-receive-pack' && r.user === 'ci',
      ),
    ).toBe(true);
  });

  it('rejects a push with a wrong password or none with 401', async () => {
    const url = server.createRepository('locked');
    await git(work, ['clone', '--quiet', url, 'a']);
    const a = path.join(work, 'a');
    fs.writeFileSync(path.join(a, 'file'), 'x\n');
    await git(a, ['add', '.']);
    await git(a, ['commit', '--quiet', '-m', 'x']);
    await expect(
      git(a, ['push', '--quiet', 'origin', 'HEAD:main'], 'ci:wrong'),
    ).rejects.toThrow(/Authentication failed|could not read Username/);
    await expect(
      git(a, ['push', '--quiet', 'origin', 'HEAD:main']),
    ).rejects.toThrow();
    expect((await git(work, ['ls-remote', url])).trim()).toBe('');
    expect(server.requests.some(r => r.status === 401)).toBe(true);
  });

  it('requires auth for fetches when authenticateFetch is set', async () => {
    const closed = await startGitServer({
      users: [{ username: 'ci', password: 'pw' }],
      authenticateFetch: true,
    });
    try {
      const url = closed.createRepository('private');
      await expect(git(work, ['ls-remote', url])).rejects.toThrow();
      expect((await git(work, ['ls-remote', url], 'ci:pw')).trim()).toBe('');
    } finally {
      await closed.stop();
    }
  });
});
