import { GitServer, startGitServer } from '@backstage-harbor/git-server';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

/** The password of the test Git server's pusher; tests search for it like for any other credential. */
export const GIT_PASSWORD = 'git-pusher-pw-4c1e9d';

/** A real Git smart-HTTP server on loopback with one empty repository `platform`. */
export interface GitopsRig {
  server: GitServer;
  repoUrl: string;
  /** `harbor.gitops` for the backend config: the credentials and the default repository. */
  config: {
    defaultRepoUrl: string;
    credentials: Array<{ host: string; username: string; password: string }>;
  };
  /** Runs git against the bare repository (async: the server answers in this process). */
  git(args: string[]): Promise<string>;
  /** Every file of a branch with its content. */
  files(ref: string): Promise<Map<string, string>>;
  /** The objects of every YAML file of a branch. */
  objects(ref: string): Promise<any[]>;
  stop(): Promise<void>;
}

export async function startGitops(): Promise<GitopsRig> {
  const server = await startGitServer({
    users: [{ username: 'scaffolder', password: GIT_PASSWORD }],
  });
  const repoUrl = server.createRepository('platform');
  const gitDir = path.join(server.root, 'platform.git');
  const git = async (args: string[]) =>
    (
      await execFileAsync('git', ['--git-dir', gitDir, ...args], {
        env: { PATH: process.env.PATH, GIT_TERMINAL_PROMPT: '0' },
        maxBuffer: 64 * 1024 * 1024,
      })
    ).stdout;
  const files = async (ref: string) => {
    const names = (await git(['ls-tree', '-r', '-z', '--name-only', ref]))
      .split('\0')
      .filter(Boolean);
    const result = new Map<string, string>();
    for (const name of names)
      result.set(name, await git(['show', `${ref}:${name}`]));
    return result;
  };
  return {
    server,
    repoUrl,
    config: {
      defaultRepoUrl: repoUrl,
      credentials: [
        {
          host: new URL(server.url).host,
          username: 'scaffolder',
          password: GIT_PASSWORD,
        },
      ],
    },
    git,
    files,
    async objects(ref) {
      const all = await files(ref);
      return [...all]
        .filter(([name]) => name.endsWith('.yaml'))
        .flatMap(([, content]) =>
          parseAllDocuments(content).map(d => d.toJS()),
        );
    },
    stop: () => server.stop(),
  };
}
