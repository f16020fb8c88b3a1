import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runHttpBackend } from './cgi';

/** A user that may push (and, with `authenticateFetch`, fetch). */
export interface GitServerUser {
  username: string;
  password: string;
}

export interface GitServerOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Where the bare repositories live; a new temporary directory by default (removed by `stop()`). */
  root?: string;
  /** The users of HTTP basic auth. Pushes always need one; without users nobody can push. */
  users?: GitServerUser[];
  /** Require basic auth for fetches and clones too. Default false. */
  authenticateFetch?: boolean;
}

/** One request the server answered, for assertions (never holds the password). */
export interface GitServerRequest {
  method: string;
  path: string;
  service?: 'git-upload-pack' | 'git-receive-pack';
  user?: string;
  status: number;
}

export interface GitServer {
  /** e.g. `http://127.0.0.1:40123`; a repository `platform` is at `${url}/platform.git`. */
  url: string;
  /** The directory holding the bare repositories. */
  root: string;
  /** Creates an empty bare repository `<name>.git`; returns its clone URL. */
  createRepository(name: string, options?: { initialBranch?: string }): string;
  /** Every request answered so far. */
  readonly requests: GitServerRequest[];
  stop(): Promise<void>;
}

const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Creates the bare repository `<name>.git` under `root`; returns its path relative to the server's URL. */
function createBareRepository(
  root: string,
  name: string,
  initialBranch = 'main',
): string {
  if (!REPOSITORY_NAME.test(name))
    throw new Error(`Invalid repository name '${name}'`);
  execFileSync(
    'git',
    [
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${initialBranch}`,
      path.join(root, `${name}.git`),
    ],
    { stdio: 'ignore' },
  );
  return `${name}.git`;
}

function httpBackendPath(): string {
  const execPath = execFileSync('git', ['--exec-path'], {
    encoding: 'utf8',
  }).trim();
  return path.join(execPath, 'git-http-backend');
}

function serviceOf(
  pathname: string,
  query: URLSearchParams,
): GitServerRequest['service'] {
  const service = query.get('service') ?? path.posix.basename(pathname);
  if (service === 'git-upload-pack' || service === 'git-receive-pack')
    return service;
  return undefined;
}

function parseBasicAuth(header: string | undefined): GitServerUser | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/**
 * Starts a Git smart-HTTP server: `git http-backend` run as a CGI program per request (see git-http-backend(1)),
 * with HTTP basic auth in front of it. Pushes (receive-pack) always need a valid user; fetches only with
 * `authenticateFetch`.
 */
export async function startGitServer(
  options: GitServerOptions = {},
): Promise<GitServer> {
  const ownsRoot = !options.root;
  const root =
    options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'git-server-'));
  fs.mkdirSync(root, { recursive: true });
  const backend = httpBackendPath();
  const users = options.users ?? [];
  const requests: GitServerRequest[] = [];

  const authenticate = (req: http.IncomingMessage) => {
    const given = parseBasicAuth(req.headers.authorization);
    if (!given) return undefined;
    const user = users.find(
      u => u.username === given.username && u.password === given.password,
    );
    return user?.username;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const service = serviceOf(url.pathname, url.searchParams);
    const record = (status: number, user?: string) =>
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        service,
        user,
        status,
      });
    const needsAuth =
      service === 'git-receive-pack' || Boolean(options.authenticateFetch);
    const user = authenticate(req);
    if (needsAuth && !user) {
      record(401);
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="git-server"',
        'Content-Type': 'text/plain',
      });
      res.end('Authentication required\n');
      return;
    }

    runHttpBackend({
      backend,
      root,
      req,
      res,
      url,
      user,
      onStatus: status => record(status, user),
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    root,
    requests,
    createRepository: (name, repoOptions = {}) =>
      `${url}/${createBareRepository(root, name, repoOptions.initialBranch)}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      if (ownsRoot) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
