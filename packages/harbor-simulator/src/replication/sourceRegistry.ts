/**
 * A small reader of a plain registry over the Registry HTTP API v2, as Harbor's `docker-registry` adapter reads
 * its source (src: pkg/reg/adapter/native, pkg/registry/auth): the endpoint's URL and credentials as registered,
 * basic auth or the token flow the registry's `/v2/` challenge asks for, `/v2/_catalog` and `tags/list` with
 * their Link-header pagination, and manifests for digests, media types and sizes. Written here rather than
 * borrowed from plugin-harbor-node so the simulator and the client under test stay independent.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/** Where and how to read the source, from the registry endpoint. */
export interface SourceEndpoint {
  url: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  caCertificate?: string;
}

/** One tag's manifest, as Harbor stores the replicated artifact. */
export interface SourceManifest {
  digest: string;
  manifestMediaType: string;
  /** The config's media type for an image (Harbor's artifact `media_type`), the manifest's otherwise. */
  mediaType: string;
  /** Harbor's artifact size: the manifest's length plus its config and layers (controller/artifact/abstractor.go). */
  size: number;
}

/** A failure reading the source, worded like Harbor's registry client so it reads the same in status_text. */
export class SourceRegistryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'SourceRegistryError';
  }
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const PAGE_SIZE = 1000;
const MAX_BODY = 4 * 1024 * 1024;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The URL without credentials, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

function header(answer: Answer, name: string): string | undefined {
  const v = answer.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
function parseChallenge(value: string): {
  scheme: string;
  params: Record<string, string>;
} {
  const space = value.indexOf(' ');
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_]+)="([^"]*)"/g;
  for (let m = re.exec(value); m; m = re.exec(value)) params[m[1]] = m[2];
  return { scheme, params };
}

/** The `next` target of an RFC 5988 Link header, resolved against the request URL. */
function nextLink(answer: Answer, base: string): string | undefined {
  const link = header(answer, 'link');
  const m = link && /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return m ? new URL(m[1], base).toString() : undefined;
}

export class SourceRegistryReader {
  private scheme?: 'none' | 'basic' | 'bearer';
  private challenge: Record<string, string> = {};
  private readonly tokens = new Map<string, string>();
  private readonly base: string;

  constructor(
    private readonly endpoint: SourceEndpoint,
    private readonly options: { timeoutMs: number; signal: AbortSignal },
  ) {
    this.base = endpoint.url.replace(/\/+$/, '');
  }

  private get hasCredentials(): boolean {
    return Boolean(this.endpoint.username || this.endpoint.password);
  }

  private basic(): string {
    return `Basic ${Buffer.from(
      `${this.endpoint.username ?? ''}:${this.endpoint.password ?? ''}`,
    ).toString('base64')}`;
  }

  private send(
    url: string,
    headers: Record<string, string>,
    method = 'GET',
  ): Promise<Answer> {
    const { timeoutMs, signal } = this.options;
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        reject(new SourceRegistryError(`invalid registry url ${shown(url)}`));
        return;
      }
      const secure = target.protocol === 'https:';
      const fail = (reason: string) =>
        reject(
          new SourceRegistryError(
            `${method === 'GET' ? 'Get' : method} "${shown(url)}": ${reason}`,
          ),
        );
      const req = (secure ? https : http).request(
        target,
        {
          method,
          headers: { 'User-Agent': 'harbor-registry-client', ...headers },
          signal,
          timeout: timeoutMs,
          ...(secure
            ? {
                rejectUnauthorized: !this.endpoint.insecure,
                ca: this.endpoint.caCertificate || undefined,
              }
            : {}),
        },
        res => {
          const chunks: Buffer[] = [];
          let length = 0;
          res.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > MAX_BODY) {
              req.destroy();
              fail(`response larger than ${MAX_BODY} bytes`);
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', e => fail(e.message));
        },
      );
      req.on('timeout', () => {
        req.destroy();
        fail(
          `context deadline exceeded (Client.Timeout exceeded while awaiting headers, ${timeoutMs} ms)`,
        );
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.name === 'AbortError') fail('context canceled');
        else fail(e.code ? `${e.code} ${e.message}` : e.message);
      });
      req.end();
    });
  }

  /** Learns how the registry authenticates from its `/v2/` challenge, once, as Harbor's authorizer does. */
  private async ping(): Promise<void> {
    if (this.scheme) return;
    const answer = await this.send(`${this.base}/v2/`, {});
    if (answer.status === 401) {
      const { scheme, params } = parseChallenge(
        header(answer, 'www-authenticate') ?? '',
      );
      this.scheme = scheme === 'bearer' ? 'bearer' : 'basic';
      this.challenge = params;
      return;
    }
    if (answer.status >= 400) throw this.statusError(answer);
    this.scheme = 'none';
  }

  private statusError(answer: Answer): SourceRegistryError {
    const body = answer.body.toString('utf8').trim().slice(0, 300);
    return new SourceRegistryError(
      `http status code: ${answer.status}, body: ${body}`,
      answer.status,
    );
  }

  /** A bearer token for a scope from the realm the registry named, with the endpoint's credentials. */
  private async token(scope: string): Promise<string> {
    const cached = this.tokens.get(scope);
    if (cached) return cached;
    const realm = this.challenge.realm;
    if (!realm)
      throw new SourceRegistryError(
        'the registry asks for a bearer token but names no realm',
      );
    const url = new URL(realm);
    if (this.challenge.service)
      url.searchParams.set('service', this.challenge.service);
    if (scope) url.searchParams.set('scope', scope);
    const answer = await this.send(
      url.toString(),
      this.hasCredentials ? { Authorization: this.basic() } : {},
    );
    if (answer.status !== 200) throw this.statusError(answer);
    let token: string | undefined;
    try {
      const json = JSON.parse(answer.body.toString('utf8'));
      token = json.token ?? json.access_token;
    } catch {
      token = undefined;
    }
    if (!token)
      throw new SourceRegistryError(
        `the token service at ${shown(realm)} returned no token`,
      );
    this.tokens.set(scope, token);
    return token;
  }

  private async get(
    url: string,
    scope: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    await this.ping();
    const auth: Record<string, string> = {};
    if (this.scheme === 'basic' && this.hasCredentials)
      auth.Authorization = this.basic();
    if (this.scheme === 'bearer')
      auth.Authorization = `Bearer ${await this.token(scope)}`;
    return this.send(url, { ...headers, ...auth });
  }

  private async json(
    url: string,
    scope: string,
  ): Promise<Answer & { data: any }> {
    const answer = await this.get(url, scope, { Accept: 'application/json' });
    if (answer.status !== 200) throw this.statusError(answer);
    try {
      return { ...answer, data: JSON.parse(answer.body.toString('utf8')) };
    } catch {
      throw new SourceRegistryError(
        `the registry answered ${shown(url)} with invalid JSON`,
      );
    }
  }

  /** Every repository of `/v2/_catalog`, following its Link pagination. */
  async catalog(): Promise<string[]> {
    const names: string[] = [];
    let url: string | undefined = `${this.base}/v2/_catalog?n=${PAGE_SIZE}`;
    while (url) {
      const page = await this.json(url, 'registry:catalog:*');
      names.push(...((page.data?.repositories as string[]) ?? []));
      url = nextLink(page, url);
    }
    return names;
  }

  /** Every tag of a repository; `undefined` when the registry does not know it. */
  async tags(repository: string): Promise<string[] | undefined> {
    const tags: string[] = [];
    let url:
      | string
      | undefined = `${this.base}/v2/${repository}/tags/list?n=${PAGE_SIZE}`;
    while (url) {
      const scope = `repository:${repository}:pull`;
      const answer = await this.get(url, scope, { Accept: 'application/json' });
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) throw this.statusError(answer);
      const data = JSON.parse(answer.body.toString('utf8'));
      tags.push(...((data?.tags as string[] | null) ?? []));
      url = nextLink(answer, url);
    }
    return tags;
  }

  /** The manifest a tag points at: digest, media types and Harbor's artifact size. */
  async manifest(
    repository: string,
    reference: string,
  ): Promise<SourceManifest> {
    const answer = await this.get(
      `${this.base}/v2/${repository}/manifests/${encodeURIComponent(
        reference,
      )}`,
      `repository:${repository}:pull`,
      { Accept: MANIFEST_TYPES.join(', ') },
    );
    if (answer.status !== 200) throw this.statusError(answer);
    const digest =
      header(answer, 'docker-content-digest') ??
      `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
    let manifest: any;
    try {
      manifest = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw new SourceRegistryError(
        `the manifest of ${repository}:${reference} is not JSON`,
      );
    }
    const manifestMediaType =
      manifest.mediaType ??
      (header(answer, 'content-type') ?? '').split(';')[0].trim();
    if (INDEX_TYPES.has(manifestMediaType)) {
      // Harbor stores an index with its own manifest type; its children are artifacts of their own.
      return {
        digest,
        manifestMediaType,
        mediaType: manifestMediaType,
        size: answer.body.length,
      };
    }
    const layers: Array<{ size?: number }> = manifest.layers ?? [];
    return {
      digest,
      manifestMediaType,
      mediaType: manifest.config?.mediaType ?? manifestMediaType,
      size:
        answer.body.length +
        (manifest.config?.size ?? 0) +
        layers.reduce((sum, l) => sum + (l.size ?? 0), 0),
    };
  }
}
