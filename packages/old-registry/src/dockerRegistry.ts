/**
 * A REAL old registry for tests, benchmarks and the demo portal: Debian's `docker-registry` (the CNCF distribution registry 2.8)
 * started on a free loopback port with a temporary storage folder, filled with tiny images built with `umoci`
 * and pushed with `skopeo`. Basic auth uses an htpasswd file (bcrypt from `bcryptjs`); token auth a small token
 * service in this process that signs RS256 tokens with a certificate made by `openssl`.
 */
import bcrypt from 'bcryptjs';
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHash, createSign, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commands these fixtures need and the Debian packages that provide them. */
export const DOCKER_REGISTRY_TOOLS: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  openssl: 'openssl',
};

/** The commands that are not on the PATH. */
export function missingTools(
  ...commands: Array<keyof typeof DOCKER_REGISTRY_TOOLS>
): string[] {
  return commands.filter(
    command =>
      spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
        .status !== 0,
  );
}

/** Fails (never skips) with the Debian package to install when a command is missing. */
export function requireTools(
  ...commands: Array<keyof typeof DOCKER_REGISTRY_TOOLS>
): void {
  const missing = missingTools(...commands);
  if (missing.length) {
    const packages = missing.map(c => DOCKER_REGISTRY_TOOLS[c]);
    throw new Error(
      `These tests run a real Docker registry and need the command(s) ${missing.join(
        ', ',
      )}: install the Debian package(s) ${packages.join(
        ' ',
      )} (apt-get install -y ${packages.join(
        ' ',
      )}); CI installs them from scripts/system-packages.sh`,
    );
  }
}

export type DockerRegistryAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'token'; username: string; password: string };

export interface StartDockerRegistryOptions {
  auth?: DockerRegistryAuth;
  /** A storage root to serve (e.g. one filled by {@link fillRegistryStorage}); a new temporary one otherwise. */
  storageDir?: string;
  /** The loopback port; a free one when absent or 0. */
  port?: number;
}

export interface PushOptions {
  /** Images of different variants have different digests; the same variant gives the same digest. */
  variant?: string;
  /** `oci` (default): an OCI image manifest; `v2s2`: a Docker v2 schema 2 manifest. */
  format?: 'oci' | 'v2s2';
}

export interface DockerRegistryFixture {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` */
  host: string;
  storageDir: string;
  /** Requests the token service answered (token auth only). */
  tokenRequests: number;
  /** Pushes one image under each tag; returns the manifest digest. */
  push(
    repository: string,
    tags: string[],
    options?: PushOptions,
  ): Promise<string>;
  stop(): Promise<void>;
  /** Kills the registry and removes its folder at once, e.g. in a `process.on('exit')` handler. */
  killNow(): void;
}

/** A loopback port nothing listens on, for servers whose address must be known before they start. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

interface TokenService {
  realm: string;
  certFile: string;
  requests: number;
  close(): Promise<void>;
}

const SERVICE = 'old-registry';
const ISSUER = 'backstage-harbor-test';

/** A self-signed RS256 key pair for the token service; `der` is the certificate for the JWT's `x5c` header. */
async function createSigningKey(
  dir: string,
): Promise<{ key: string; der: string; certFile: string }> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=backstage-harbor-test-token',
  ]);
  const der = fs
    .readFileSync(certFile, 'utf8')
    .replace(/-----[^-]+-----/g, '')
    .replace(/\s+/g, '');
  return { key: fs.readFileSync(keyFile, 'utf8'), der, certFile };
}

/** The token the Docker token protocol answers for one request: the scopes asked for, signed RS256. */
function signToken(
  url: URL,
  subject: string,
  signing: { key: string; der: string },
): string {
  const b64url = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const access = url.searchParams.getAll('scope').flatMap(scope => {
    const [type, name, actions] = scope.split(':');
    return type && name && actions
      ? [{ type, name, actions: actions.split(',') }]
      : [];
  });
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [signing.der] };
  const claims = {
    iss: ISSUER,
    sub: subject,
    aud: url.searchParams.get('service') ?? SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
  const unsigned = `${b64url(header)}.${b64url(claims)}`;
  const signature = createSign('RSA-SHA256')
    .update(unsigned)
    .sign(signing.key)
    .toString('base64url');
  return `${unsigned}.${signature}`;
}

/** The Docker token service: basic credentials in, an RS256 JWT with the requested access out. */
async function startTokenService(
  dir: string,
  username: string,
  password: string,
): Promise<TokenService> {
  const signing = await createSigningKey(dir);
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString(
    'base64',
  )}`;
  const service: TokenService = {
    realm: '',
    certFile: signing.certFile,
    requests: 0,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    service.requests++;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ details: 'bad credentials' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        token: signToken(url, username, signing),
        expires_in: 300,
        issued_at: new Date().toISOString(),
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  service.realm = `http://127.0.0.1:${port}/token`;
  service.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return service;
}

function registryConfig(options: {
  storageDir: string;
  port: number;
  htpasswd?: string;
  token?: TokenService;
}): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${options.storageDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${options.port}`,
    `  secret: ${randomUUID()}`,
  ];
  if (options.htpasswd) {
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: old-registry',
      `    path: ${options.htpasswd}`,
    );
  }
  if (options.token) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${options.token.realm}`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${options.token.certFile}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Waits for the registry's "listening on" log line; fails with its log if it exits first. */
function waitUntilListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      reject(new Error(`docker-registry did not start within 15 s:\n${log}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
      if (log.length > 100_000) log = log.slice(-20_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`docker-registry exited with ${code}:\n${log}`));
    });
  });
}

/** The registry's authentication: an htpasswd file for basic auth, a token service for token auth. */
async function setUpAuth(
  dir: string,
  auth: DockerRegistryAuth,
): Promise<{ htpasswd?: string; token?: TokenService }> {
  if (auth.type === 'basic') {
    const htpasswd = path.join(dir, 'htpasswd');
    // The lowest bcrypt cost: the registry checks it on every request.
    fs.writeFileSync(
      htpasswd,
      `${auth.username}:${bcrypt.hashSync(auth.password, 4)}\n`,
    );
    return { htpasswd };
  }
  if (auth.type === 'token') {
    requireTools('openssl');
    return {
      token: await startTokenService(dir, auth.username, auth.password),
    };
  }
  return {};
}

/**
 * Pushes tiny images built by umoci with skopeo; returns the pushed manifest's digest. umoci locks its layout, so
 * pushes run one at a time.
 */
function createPusher(
  dir: string,
  host: string,
  auth: DockerRegistryAuth,
): DockerRegistryFixture['push'] {
  const layout = path.join(dir, 'oci');
  const built = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  async function image(variant: string): Promise<string> {
    if (!fs.existsSync(layout))
      await run('umoci', ['init', '--layout', layout]);
    const ref = `${layout}:${variant}`;
    if (!built.has(variant)) {
      await run('umoci', ['new', '--image', ref]);
      await run('umoci', [
        'config',
        '--image',
        ref,
        '--config.cmd',
        `echo ${variant}`,
        '--config.label',
        `variant=${variant}`,
      ]);
      built.add(variant);
    }
    return `oci:${ref}`;
  }

  async function push(
    repository: string,
    tags: string[],
    pushOptions: PushOptions = {},
  ): Promise<string> {
    const source = await image(pushOptions.variant ?? 'default');
    const digestFile = path.join(dir, `digest-${randomUUID()}`);
    for (const tag of tags) {
      const args = [
        '--insecure-policy',
        'copy',
        '--quiet',
        '--dest-tls-verify=false',
        '--digestfile',
        digestFile,
      ];
      if (pushOptions.format === 'v2s2') args.push('--format', 'v2s2');
      if (auth.type !== 'none')
        args.push('--dest-creds', `${auth.username}:${auth.password}`);
      args.push(source, `docker://${host}/${repository}:${tag}`);
      await run('skopeo', args);
    }
    const digest = fs.readFileSync(digestFile, 'utf8').trim();
    fs.rmSync(digestFile, { force: true });
    return digest;
  }

  return (repository, tags, pushOptions) => {
    const next = queue.then(() => push(repository, tags, pushOptions));
    queue = next.catch(() => undefined);
    return next;
  };
}

/** Starts `docker-registry serve` on a free loopback port. Call `stop()` in `afterAll`. */
export async function startDockerRegistry(
  options: StartDockerRegistryOptions = {},
): Promise<DockerRegistryFixture> {
  requireTools('docker-registry', 'skopeo', 'umoci');
  const auth = options.auth ?? { type: 'none' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'old-registry-'));
  const storageDir = options.storageDir ?? path.join(dir, 'storage');
  fs.mkdirSync(storageDir, { recursive: true });
  const { htpasswd, token } = await setUpAuth(dir, auth);
  const port = options.port || (await freePort());
  const configFile = path.join(dir, 'config.yml');
  fs.writeFileSync(
    configFile,
    registryConfig({ storageDir, port, htpasswd, token }),
  );
  const child = spawn('docker-registry', ['serve', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitUntilListening(child);
  } catch (error) {
    child.kill('SIGKILL');
    await token?.close();
    throw error;
  }
  // Keep draining its output so that the pipes never fill up.
  child.stdout?.resume();
  child.stderr?.resume();

  const host = `127.0.0.1:${port}`;
  const push = createPusher(dir, host, auth);

  const fixture: DockerRegistryFixture = {
    url: `http://${host}`,
    host,
    storageDir,
    get tokenRequests() {
      return token?.requests ?? 0;
    },
    push,
    killNow() {
      if (child.exitCode === null) child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await token?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function writeBlob(root: string, data: Buffer | string): string {
  const hex = sha256(data);
  const blobDir = path.join(
    root,
    'docker/registry/v2/blobs/sha256',
    hex.slice(0, 2),
    hex,
  );
  fs.mkdirSync(blobDir, { recursive: true });
  fs.writeFileSync(path.join(blobDir, 'data'), data);
  return hex;
}

function writeLink(file: string, hex: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `sha256:${hex}`);
}

/**
 * Fills a registry storage root directly, in the filesystem driver's layout, far faster than pushing: one tiny
 * real image (config, layer and manifest blobs written once) linked from every repository and tag.
 * Returns the manifest digest every tag points at.
 */
export function fillRegistryStorage(
  root: string,
  repositories: Array<{ name: string; tags: string[] }>,
): string {
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['true'] },
    rootfs: { type: 'layers', diff_ids: [] },
  });
  const configHex = writeBlob(root, config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: `sha256:${configHex}`,
      size: Buffer.byteLength(config),
    },
    layers: [],
  });
  const manifestHex = writeBlob(root, manifest);
  for (const repository of repositories) {
    const repoDir = path.join(
      root,
      'docker/registry/v2/repositories',
      repository.name,
    );
    writeLink(
      path.join(repoDir, '_layers/sha256', configHex, 'link'),
      configHex,
    );
    writeLink(
      path.join(repoDir, '_manifests/revisions/sha256', manifestHex, 'link'),
      manifestHex,
    );
    for (const tag of repository.tags) {
      const tagDir = path.join(repoDir, '_manifests/tags', tag);
      writeLink(path.join(tagDir, 'current/link'), manifestHex);
      writeLink(
        path.join(tagDir, 'index/sha256', manifestHex, 'link'),
        manifestHex,
      );
    }
  }
  return `sha256:${manifestHex}`;
}
