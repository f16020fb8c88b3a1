import { GitServer, startGitServer } from '@backstage-harbor/git-server';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  HarborClients,
  gitopsTargetsFromConfig,
} from '@backstage-harbor/plugin-harbor-node';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createCommitGitopsAction } from './commitGitops';

const execFileAsync = promisify(execFile);
const PASSWORD = 'gitops-s3cret-pw';

/** Reads the repository back with the git CLI (async: the server answers in this process). */
async function gitRead(args: string[]) {
  const { stdout } = await execFileAsync('git', args, {
    env: { PATH: process.env.PATH, GIT_TERMINAL_PROMPT: '0' },
  });
  return stdout.trim();
}

describe('harbor:gitops:commit', () => {
  let server: GitServer;
  let workspace: string;
  let repoUrl: string;
  let repoCount = 0;
  const config = (password = PASSWORD, defaultRepoUrl?: string) =>
    new ConfigReader({
      harbor: {
        gitops: {
          ...(defaultRepoUrl ? { defaultRepoUrl } : {}),
          // These tests are about the commit itself: a repository of the platform's alone, its main branch open.
          repositories: [
            { url: repoUrl, allowBaseBranch: true, platformPath: '.' },
          ],
          credentials: [
            {
              host: new URL(server.url).host,
              username: 'scaffolder',
              password,
            },
          ],
        },
      },
    });

  async function run(
    input: Record<string, unknown>,
    options: {
      dryRun?: boolean;
      password?: string;
      defaultRepoUrl?: string;
    } = {},
  ) {
    const action = createCommitGitopsAction({
      gitopsTargets: gitopsTargetsFromConfig(
        config(options.password, options.defaultRepoUrl),
      ),
      clients: HarborClients.fromConfig(
        new ConfigReader({ harbor: { baseUrl: 'https://harbor.invalid' } }),
      ),
      // The mock user of the context is in the platform team.
      authorizer: testAuthorizer(),
    });
    const outputs: Record<string, any> = {};
    const lines: string[] = [];
    const logger: any = { child: () => logger };
    for (const level of ['info', 'warn', 'error', 'debug'])
      logger[level] = (message: string, meta?: unknown) =>
        lines.push(`${message} ${JSON.stringify(meta ?? {})}`);
    const ctx = {
      ...createMockActionContext({
        input: { purpose: 'platform', ...input } as any,
        logger,
      }),
      workspacePath: workspace,
      isDryRun: options.dryRun,
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    };
    let error: Error | undefined;
    try {
      await action.handler(ctx as any);
    } catch (e) {
      error = e as Error;
    }
    return { outputs, lines, error };
  }

  const log = (ref: string) =>
    gitRead([
      '--git-dir',
      path.join(server.root, `platform-${repoCount}.git`),
      'log',
      '--format=%H %s',
      ref,
    ]);
  const show = (ref: string, file: string) =>
    gitRead([
      '--git-dir',
      path.join(server.root, `platform-${repoCount}.git`),
      'show',
      `${ref}:${file}`,
    ]);
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), content);
  };

  beforeAll(async () => {
    server = await startGitServer({
      users: [{ username: 'scaffolder', password: PASSWORD }],
    });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    repoCount += 1;
    repoUrl = server.createRepository(`platform-${repoCount}`);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-ws-'));
    write('manifests/project.yaml', 'name: team-a\n');
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('commits to a new branch, makes no commit on a rerun and one commit for a changed file', async () => {
    const input = {
      repoUrl,
      branch: 'onboard-team-a',
      sourcePath: 'manifests',
      commitMessage: 'Onboard team-a',
    };
    const first = await run(input);
    expect(first.error).toBeUndefined();
    expect(first.outputs).toMatchObject({
      branch: 'onboard-team-a',
      changed: true,
      files: [{ path: 'project.yaml', change: 'added' }],
    });
    expect(await log('onboard-team-a')).toBe(
      `${first.outputs.commitHash} Onboard team-a`,
    );
    expect(await show('onboard-team-a', 'project.yaml')).toBe('name: team-a');

    const again = await run(input);
    expect(again.error).toBeUndefined();
    expect(again.outputs).toMatchObject({
      changed: false,
      commitHash: first.outputs.commitHash,
      files: [],
    });
    expect(again.outputs.plan.map((c: any) => c.action)).toEqual(['none']);
    expect((await log('onboard-team-a')).split('\n')).toHaveLength(1);

    write('manifests/project.yaml', 'name: team-a\nquota: 10Gi\n');
    const changed = await run({ ...input, commitMessage: 'Quota' });
    expect(changed.outputs.changed).toBe(true);
    expect(changed.outputs.files).toEqual([
      { path: 'project.yaml', change: 'modified' },
    ]);
    const history = (await log('onboard-team-a')).split('\n');
    expect(history).toEqual([
      `${changed.outputs.commitHash} Quota`,
      `${first.outputs.commitHash} Onboard team-a`,
    ]);
  });

  it('branches from baseBranch and reports deleted files', async () => {
    const base = await run({ repoUrl, branch: 'main' });
    expect(base.error).toBeUndefined();
    fs.rmSync(path.join(workspace, 'manifests/project.yaml'));
    write('manifests/other.yaml', 'x: 1\n');
    const { outputs, error } = await run({ repoUrl, branch: 'feature' });
    expect(error).toBeUndefined();
    expect(outputs.files).toEqual([
      { path: 'manifests/other.yaml', change: 'added' },
      { path: 'manifests/project.yaml', change: 'deleted' },
    ]);
    expect((await log('feature')).split('\n')[1]).toBe(
      `${base.outputs.commitHash} Update from Backstage`,
    );
  });

  it('writes into targetPath and keeps the files outside it; without prune it keeps the other files inside it too', async () => {
    write('other/keep.yaml', 'keep: true\n');
    const base = await run({ repoUrl, branch: 'main' });
    expect(base.error).toBeUndefined();
    fs.rmSync(path.join(workspace, 'other'), { recursive: true });

    fs.rmSync(path.join(workspace, 'manifests/project.yaml'));
    write('manifests/team-b.yaml', 'name: team-b\n');
    const pruned = await run({
      repoUrl,
      branch: 'main',
      sourcePath: 'manifests',
      targetPath: 'manifests',
    });
    expect(pruned.error).toBeUndefined();
    expect(pruned.outputs.files).toEqual([
      { path: 'manifests/project.yaml', change: 'deleted' },
      { path: 'manifests/team-b.yaml', change: 'added' },
    ]);
    expect(await show('main', 'other/keep.yaml')).toBe('keep: true');

    write('manifests/team-c.yaml', 'name: team-c\n');
    fs.rmSync(path.join(workspace, 'manifests/team-b.yaml'));
    const merged = await run({
      repoUrl,
      branch: 'main',
      sourcePath: 'manifests',
      targetPath: 'manifests/',
      prune: false,
    });
    expect(merged.outputs.files).toEqual([
      { path: 'manifests/team-c.yaml', change: 'added' },
    ]);
    expect(await show('main', 'manifests/team-b.yaml')).toBe('name: team-b');
    expect(await show('main', 'other/keep.yaml')).toBe('keep: true');
  });

  it('commits to harbor.gitops.defaultRepoUrl when repoUrl is empty, and names it in the output', async () => {
    const { outputs, error } = await run(
      { repoUrl: '', branch: 'main' },
      { defaultRepoUrl: repoUrl },
    );
    expect(error).toBeUndefined();
    expect(outputs.repoUrl).toBe(repoUrl);
    expect(await log('main')).toBe(
      `${outputs.commitHash} Update from Backstage`,
    );
    const none = await run({ branch: 'main' });
    expect(none.error?.name).toBe('InputError');
    expect(none.error?.message).toMatch(
      /repoUrl: no repository given and no harbor\.gitops\.defaultRepoUrl configured/,
    );
  });

  it('lists the files in a dry run and pushes nothing', async () => {
    const { outputs, error, lines } = await run(
      { repoUrl, branch: 'dry' },
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputs).toMatchObject({
      changed: true,
      files: [{ path: 'manifests/project.yaml', change: 'added' }],
    });
    expect(outputs.commitHash).toBeUndefined();
    expect(lines.join('\n')).toContain('[dry run] would create branch dry');
    expect(await gitRead(['ls-remote', repoUrl])).toBe('');
    expect(
      server.requests.filter(
        r =>
          r.service === 'git-receive-pack' &&
          r.path.includes(`platform-${repoCount}`),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      { repoUrl: 'ssh://git@127.0.0.1/platform.git', branch: 'a' },
      /repoUrl: must be an http or https URL/,
    ],
    [
      { repoUrl: 'file:///tmp/x.git', branch: 'a' },
      /repoUrl: must be an http or https URL/,
    ],
    [
      { repoUrl: 'http://scaffolder:pw@127.0.0.1/p.git', branch: 'a' },
      /repoUrl: must be an http or https URL of a Git repository without credentials/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: 'a', targetPath: '../x' },
      /targetPath: must be a folder of the repository/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: 'bad..name' },
      /branch: must be a valid Git branch name/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: '-f' },
      /branch: must be a valid Git branch name/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: 'a b' },
      /branch: must be a valid Git branch name/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: 'a', password: 'x' },
      /password: not an input/,
    ],
    [
      { repoUrl: 'http://127.0.0.1/p.git', branch: 'a', sourcePath: '../..' },
      /sourcePath: '..\/..' is outside the workspace/,
    ],
  ])('rejects %j before any request', async (bad, message) => {
    const before = server.requests.length;
    const { error } = await run(bad);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
    expect(server.requests.length).toBe(before);
  });

  it('fails with a clear error and no password anywhere when the credentials are wrong', async () => {
    const wrong = 'wrong-pw-do-not-log';
    const { error, lines } = await run(
      { repoUrl, branch: 'denied' },
      { password: wrong },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toMatch(
      /repoUrl: the Git server 127\.0\.0\.1:\d+ refused the configured credentials/,
    );
    const everything = `${error?.message}\n${error?.stack}\n${lines.join(
      '\n',
    )}`;
    const token = Buffer.from(`scaffolder:${wrong}`).toString('base64');
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(token);
    expect(await gitRead(['ls-remote', repoUrl])).toBe('');
  });
});
