import { inspect } from 'node:util';
import {
  DockerRegistryFixture,
  startDockerRegistry,
} from '../__testUtils__/dockerRegistry';
import { startLocalServer } from '../__testUtils__/localServer';
import { DockerRegistryClient } from './DockerRegistryClient';
import { nextLink } from './link';

const USER = 'migrator';
const PASSWORD = 'old-registry-Pa55word!';
const noSleep = { sleep: async () => {} };

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function expectNoSecret(error: Error) {
  const text = `${error.message}\n${inspect(error)}`;
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(
    Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  );
}

describe('DockerRegistryClient against a real docker-registry with basic auth', () => {
  let registry: DockerRegistryFixture;
  const digests: Record<string, string> = {};
  const client = (options: { pageSize?: number; password?: string } = {}) =>
    DockerRegistryClient.create({
      url: registry.url,
      username: USER,
      password: options.password ?? PASSWORD,
      pageSize: options.pageSize,
      retry: noSleep,
    });

  beforeAll(async () => {
    registry = await startDockerRegistry({
      auth: { type: 'basic', username: USER, password: PASSWORD },
    });
    digests.api1 = await registry.push('team-a/api', ['1.0', '1.1'], {
      variant: 'api-1',
    });
    digests.api2 = await registry.push('team-a/api', ['2.0', 'latest'], {
      variant: 'api-2',
    });
    digests.web = await registry.push('team-a/web', ['v1'], {
      variant: 'web',
    });
    digests.cli = await registry.push('team-b/tools/cli', ['0.9', '1.0'], {
      variant: 'cli',
      format: 'v2s2',
    });
    digests.legacy = await registry.push('legacy-app', ['old'], {
      variant: 'legacy',
    });
  }, 60_000);
  afterAll(() => registry?.stop());

  it('checks the v2 API with the credentials', async () => {
    await expect(client().check()).resolves.toBeUndefined();
  });

  it('lists every repository of the catalog two at a time by following the Link headers', async () => {
    const c = client({ pageSize: 2 });
    const names = await c.listRepositories();
    expect(names).toEqual([
      'legacy-app',
      'team-a/api',
      'team-a/web',
      'team-b/tools/cli',
    ]);
    // A Link on the first page only: the registry knows the second one is the last.
    expect(c.requestCount).toBe(2);
  });

  it('lists the tags of a nested repository', async () => {
    expect(await client().listTags('team-b/tools/cli')).toEqual(['0.9', '1.0']);
    expect(await client().listTags('team-a/api')).toEqual([
      '1.0',
      '1.1',
      '2.0',
      'latest',
    ]);
  });

  it('reads the manifest digest of OCI and Docker v2 tags, and nothing for a missing tag', async () => {
    const c = client();
    expect(await c.getManifestDigest('team-a/api', '2.0')).toBe(digests.api2);
    expect(await c.getManifestDigest('team-b/tools/cli', '1.0')).toBe(
      digests.cli,
    );
    expect(await c.getManifestDigest('team-a/api', 'nope')).toBeUndefined();
  });

  it('takes an inventory with tags and digests at the given concurrency', async () => {
    const c = client({ pageSize: 2 });
    const inventory = await c.inventory({ concurrency: 3, digests: true });
    expect(inventory.repositoryCount).toBe(4);
    expect(inventory.tagCount).toBe(8);
    expect(inventory.repositories).toEqual([
      { name: 'legacy-app', tags: ['old'], digests: { old: digests.legacy } },
      {
        name: 'team-a/api',
        tags: ['1.0', '1.1', '2.0', 'latest'],
        digests: {
          '1.0': digests.api1,
          '1.1': digests.api1,
          '2.0': digests.api2,
          latest: digests.api2,
        },
      },
      { name: 'team-a/web', tags: ['v1'], digests: { v1: digests.web } },
      {
        name: 'team-b/tools/cli',
        tags: ['0.9', '1.0'],
        digests: { '0.9': digests.cli, '1.0': digests.cli },
      },
    ]);
    // 2 catalog pages, 4 tag lists, 8 HEADs.
    expect(inventory.requests).toBe(14);
  });

  it('takes an inventory without digests in one request per repository', async () => {
    const inventory = await client().inventory({
      filter: name => name.startsWith('team-a/'),
    });
    expect(inventory.repositories).toEqual([
      { name: 'team-a/api', tags: ['1.0', '1.1', '2.0', 'latest'] },
      { name: 'team-a/web', tags: ['v1'] },
    ]);
    expect(inventory.requests).toBe(3);
  });

  it('fails with an AuthenticationError that names no credential on a wrong password', async () => {
    const error = await caught(
      client({ password: `${PASSWORD}-wrong` }).listRepositories(),
    );
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain(
      'GET /v2/_catalog answered 401 UNAUTHORIZED',
    );
    expect(error.message).toContain('refused the configured credentials');
    expectNoSecret(error);
    expect(error.message).not.toContain(`${PASSWORD}-wrong`);
  });

  it('says credentials are needed when none are configured', async () => {
    const error = await caught(
      DockerRegistryClient.create({ url: registry.url }).check(),
    );
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain(
      'needs credentials and none are configured',
    );
  });

  it('rejects a repository name outside the registry grammar before sending', async () => {
    const c = client();
    const error = await caught(c.listTags('../etc/passwd'));
    expect(error.name).toBe('InputError');
    expect(c.requestCount).toBe(0);
  });
});

describe('DockerRegistryClient against a real docker-registry with token auth', () => {
  let registry: DockerRegistryFixture;
  let digest: string;

  beforeAll(async () => {
    registry = await startDockerRegistry({
      auth: { type: 'token', username: USER, password: PASSWORD },
    });
    digest = await registry.push('team-a/api', ['v1', 'v2']);
    await registry.push('team-b/web', ['v1']);
    await registry.push('tools', ['v1']);
  }, 60_000);
  afterAll(() => registry?.stop());

  it('gets a token per scope from the realm, and asks for later scopes without a 401 first', async () => {
    const client = DockerRegistryClient.create({
      url: registry.url,
      username: USER,
      password: PASSWORD,
      pageSize: 2,
    });
    const before = registry.tokenRequests;
    const inventory = await client.inventory({ digests: true });
    expect(inventory.repositories).toEqual([
      {
        name: 'team-a/api',
        tags: ['v1', 'v2'],
        digests: { v1: digest, v2: digest },
      },
      { name: 'team-b/web', tags: ['v1'], digests: { v1: digest } },
      { name: 'tools', tags: ['v1'], digests: { v1: digest } },
    ]);
    // One token for the catalog and one per repository.
    expect(registry.tokenRequests - before).toBe(4);
    // The catalog: 401, token, 2 pages; each repository: token, tag list, one HEAD per tag.
    expect(inventory.requests).toBe(4 + 3 * 2 + 4);
  });

  it('fails with an AuthenticationError naming the token service on bad credentials', async () => {
    const error = await caught(
      DockerRegistryClient.create({
        url: registry.url,
        username: USER,
        password: 'wrong-password',
      }).listRepositories(),
    );
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('token service');
    expect(error.message).toContain('registry:catalog:*');
    expect(error.message).not.toContain('wrong-password');
  });
});

describe('DockerRegistryClient over a scripted server', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('follows the Link headers of tags/list pages', async () => {
    const tags = ['a', 'b', 'c', 'd', 'e'];
    server = await startLocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const n = Number(url.searchParams.get('n'));
      const last = url.searchParams.get('last');
      const from = last ? tags.indexOf(last) + 1 : 0;
      const page = tags.slice(from, from + n);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
      };
      if (from + n < tags.length) {
        headers.Link = `</v2/team-a/api/tags/list?n=${n}&last=${
          page[page.length - 1]
        }>; rel="next"`;
      }
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: 'team-a/api', tags: page }));
    });
    const client = DockerRegistryClient.create({
      url: server.url,
      pageSize: 2,
    });
    expect(await client.listTags('team-a/api')).toEqual(tags);
    expect(server.requests.map(r => r.url)).toEqual([
      '/v2/team-a/api/tags/list?n=2',
      '/v2/team-a/api/tags/list?n=2&last=b',
      '/v2/team-a/api/tags/list?n=2&last=d',
    ]);
  });

  it('does not follow a Link to another host with the credentials', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        Link: '<https://elsewhere.example.com/v2/_catalog?last=a>; rel="next"',
      });
      res.end(JSON.stringify({ repositories: ['a'] }));
    });
    const error = await caught(
      DockerRegistryClient.create({
        url: server.url,
        username: USER,
        password: PASSWORD,
      }).listRepositories(),
    );
    expect(error.message).toContain('points at another host');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the request timeout', async () => {
    server = await startLocalServer(() => {
      // never answers
    });
    const error = await caught(
      DockerRegistryClient.create({
        url: server.url,
        requestTimeoutMs: 100,
      }).check(),
    );
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('got no answer within 100 ms');
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const names = Array.from({ length: 20 }, (_, i) => `repo${i}`);
    server = await startLocalServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setImmediate(() => {
        inFlight--;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          req.url.startsWith('/v2/_catalog')
            ? JSON.stringify({ repositories: names })
            : JSON.stringify({ tags: ['v1'] }),
        );
      });
    });
    const client = DockerRegistryClient.create({
      url: server.url,
      maxConcurrency: 3,
    });
    const inventory = await client.inventory({ concurrency: 10 });
    expect(inventory.repositoryCount).toBe(20);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('retries a GET on 503 and keeps the password out of error messages', async () => {
    let calls = 0;
    server = await startLocalServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503);
        res.end();
        return;
      }
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ code: 'DENIED', message: `denied for ${PASSWORD}` }],
        }),
      );
    });
    const error = await caught(
      DockerRegistryClient.create({
        url: server.url,
        username: USER,
        password: PASSWORD,
        retry: noSleep,
      }).listRepositories(),
    );
    expect(calls).toBe(2);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain(
      'answered 403 DENIED (denied for [redacted])',
    );
    expectNoSecret(error);
  });
});

describe('nextLink', () => {
  it('reads the next target among several links, relative to the page', () => {
    expect(
      nextLink(
        '<https://r.example.com/v2/_catalog?last=x&n=2>; rel="prev", </v2/_catalog?last=b&n=2>; rel="next"',
        'https://r.example.com/v2/_catalog?n=2',
      ),
    ).toBe('https://r.example.com/v2/_catalog?last=b&n=2');
    expect(nextLink(null, 'https://r.example.com/v2/')).toBeUndefined();
    expect(
      nextLink('</v2/x>; rel=prev', 'https://r.example.com/v2/'),
    ).toBeUndefined();
  });
});
