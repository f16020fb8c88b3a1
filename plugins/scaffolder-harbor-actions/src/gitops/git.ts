import type { GitCredentials } from '@backstage-harbor/plugin-harbor-node';
import { spawn } from 'node:child_process';

/** A failed git command; the message never holds a credential. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly authFailed: boolean,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/**
 * Runs the git CLI against one remote. Credentials go into an `http.<origin>.extraHeader` set through
 * GIT_CONFIG_COUNT/KEY/VALUE (git-config(1) "ENVIRONMENT"), so they never appear in a URL, argv or a log line,
 * and are sent only to that origin. Prompts, credential helpers and system/global config are switched off.
 */
export class Git {
  constructor(
    private readonly options: {
      gitDir: string;
      workTree?: string;
      origin: string;
      credentials?: GitCredentials;
      author?: { name: string; email: string };
      signal?: AbortSignal;
    },
  ) {}

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: this.options.gitDir,
      GIT_DIR: this.options.gitDir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      LANG: 'C',
      LC_ALL: 'C',
    };
    if (this.options.workTree) env.GIT_WORK_TREE = this.options.workTree;
    if (this.options.author) {
      env.GIT_AUTHOR_NAME = this.options.author.name;
      env.GIT_AUTHOR_EMAIL = this.options.author.email;
      env.GIT_COMMITTER_NAME = this.options.author.name;
      env.GIT_COMMITTER_EMAIL = this.options.author.email;
    }
    if (this.options.credentials) {
      const { username, password } = this.options.credentials;
      const token = Buffer.from(`${username}:${password}`).toString('base64');
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = `http.${this.options.origin}/.extraHeader`;
      env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${token}`;
    }
    return env;
  }

  /** Removes anything credential-like from git's output before it reaches an error or log. */
  private redact(text: string): string {
    let out = text;
    const c = this.options.credentials;
    if (c) {
      const token = Buffer.from(`${c.username}:${c.password}`).toString(
        'base64',
      );
      for (const secret of [token, c.password].filter(s => s.length > 0))
        out = out.split(secret).join('***');
    }
    return out.replace(/Authorization:\s*\S+\s+\S+/gi, 'Authorization: ***');
  }

  run(args: string[], stdin?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        'git',
        ['-c', 'credential.helper=', '-c', 'core.askPass=', ...args],
        {
          env: this.env(),
          cwd: this.options.workTree ?? this.options.gitDir,
          signal: this.options.signal,
        },
      );
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', e =>
        reject(new GitCommandError(this.redact(e.message), '', false)),
      );
      child.on('close', code => {
        if (code === 0) {
          resolve(Buffer.concat(out).toString('utf8'));
          return;
        }
        const stderr = this.redact(Buffer.concat(err).toString('utf8').trim());
        const authFailed =
          /Authentication failed|could not read Username|terminal prompts disabled|401|403/.test(
            stderr,
          );
        reject(
          new GitCommandError(
            `git ${args[0]} failed: ${stderr.split('\n').pop()}`,
            stderr,
            authFailed,
          ),
        );
      });
      if (stdin !== undefined) child.stdin.end(stdin);
      else child.stdin.end();
    });
  }
}
