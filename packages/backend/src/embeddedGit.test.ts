import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { embeddedGitopsTargetsFactory } from './embeddedGit';

const execFileAsync = promisify(execFile);

describe('embeddedGitopsTargetsFactory', () => {
  it('starts a Git server with a default repository when no harbor.gitops is configured, and never logs its credentials', async () => {
    const logger = mockServices.rootLogger.mock();
    const shutdownHooks: Array<() => void | Promise<void>> = [];
    const lifecycle = mockServices.rootLifecycle.mock({
      addShutdownHook: jest.fn(hook => shutdownHooks.push(hook)),
    });
    const tester = ServiceFactoryTester.from(embeddedGitopsTargetsFactory, {
      dependencies: [
        mockServices.rootConfig.factory({ data: { gitServer: { port: 0 } } }),
        logger.factory,
        lifecycle.factory,
      ],
    });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-git-'));
    try {
      const targets = await tester.getSubject();
      const repoUrl = targets.defaultRepoUrl()!;
      expect(repoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/platform\.git$/);
      const credentials = targets.credentialsFor(repoUrl)!;
      expect(credentials.username).toBe('backstage');
      expect(credentials.password.length).toBeGreaterThanOrEqual(32);
      expect(targets.credentialsFor('https://git.example.com/x.git')).toBe(
        undefined,
      );
      // The only repository the templates may commit to: both purposes, never main directly.
      expect(targets.repositories()).toEqual([
        {
          url: repoUrl,
          purposes: ['platform', 'team'],
          baseBranch: 'main',
          allowBaseBranch: false,
          teamPath: 'platform/harbor/teams',
          platformPath: 'platform',
        },
      ]);

      // The generated credentials push; the repository clones without any.
      const token = Buffer.from(
        `${credentials.username}:${credentials.password}`,
      ).toString('base64');
      const git = (args: string[], cwd = work) =>
        execFileAsync('git', args, {
          cwd,
          env: {
            PATH: process.env.PATH,
            GIT_TERMINAL_PROMPT: '0',
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            GIT_AUTHOR_NAME: 't',
            GIT_AUTHOR_EMAIL: 't@example.com',
            GIT_COMMITTER_NAME: 't',
            GIT_COMMITTER_EMAIL: 't@example.com',
          },
        });
      await git(['init', '--quiet', '--initial-branch=main', 'src']);
      fs.writeFileSync(path.join(work, 'src/a.txt'), 'a\n');
      const src = path.join(work, 'src');
      await git(['add', 'a.txt'], src);
      await git(['commit', '--quiet', '-m', 'a'], src);
      await expect(
        git(['push', '--quiet', repoUrl, 'main'], src),
      ).rejects.toThrow();
      await git(
        [
          '-c',
          `http.extraHeader=Authorization: Basic ${token}`,
          'push',
          '--quiet',
          repoUrl,
          'main',
        ],
        src,
      );
      await git(['clone', '--quiet', repoUrl, 'clone']);
      expect(fs.readFileSync(path.join(work, 'clone/a.txt'), 'utf8')).toBe(
        'a\n',
      );

      const logged = JSON.stringify([
        logger.info.mock.calls,
        logger.warn.mock.calls,
        logger.debug.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logged).toContain(`the templates commit to ${repoUrl}`);
      expect(logged.includes(credentials.password)).toBe(false);
      expect(logged.includes(token)).toBe(false);
    } finally {
      for (const hook of shutdownHooks) await hook();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('uses harbor.gitops when it is configured, and starts no server', async () => {
    const tester = ServiceFactoryTester.from(embeddedGitopsTargetsFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: {
            harbor: {
              gitops: {
                defaultRepoUrl: 'https://git.example.com/platform/flux.git',
                credentials: [
                  { host: 'git.example.com', username: 'u', password: 'p' },
                ],
              },
            },
          },
        }),
      ],
    });
    const targets = await tester.getSubject();
    expect(targets.defaultRepoUrl()).toBe(
      'https://git.example.com/platform/flux.git',
    );
    expect(
      targets.credentialsFor('https://git.example.com/platform/flux.git'),
    ).toEqual({ username: 'u', password: 'p' });
    // Without harbor.gitops.repositories, the default repository is the only one.
    expect(targets.repositories().map(r => r.url)).toEqual([
      'https://git.example.com/platform/flux.git',
    ]);
  });
});
