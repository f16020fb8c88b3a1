import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { inspect } from 'node:util';
import {
  harborError,
  startLocalServer,
  testInstance,
} from '../__testUtils__/localServer';
import { HarborClient } from './HarborClient';
import { HarborApiError, getHarborApiError } from './errors';
import { currentUser, ping } from '../__testUtils__/harborCalls';

const noSleep = { sleep: async () => {} };

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('HarborClient over HTTP', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends Basic auth and an X-Request-Id, and never a cookie even after Harbor sets one', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Set-Cookie': 'sid=abc; Path=/',
        'X-Total-Count': '0',
      });
      res.end('[]');
    });
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'cookies' }),
    });
    await client.registries.list();
    await client
      .withContext({ requestId: 'backstage-req-1' })
      .registries.list();
    const [first, second] = server.requests;
    expect(first.url).toBe('/api/v2.0/registries?page=1&page_size=100');
    expect(first.headers.authorization).toBe(
      `Basic ${Buffer.from('robot$ci:S3cret-Pa55word').toString('base64')}`,
    );
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).toBe('backstage-req-1');
    expect(second.headers.cookie).toBeUndefined();
  });

  it('sends X-Is-Resource-Name for a project given by name, also a numeric one, and not for an id', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"project_id":1,"name":"123"}');
    });
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'resname' }),
    });
    await client.projects.get('123');
    await client.projects.get(7);
    expect(server.requests[0]).toMatchObject({ url: '/api/v2.0/projects/123' });
    expect(server.requests[0].headers['x-is-resource-name']).toBe('true');
    expect(server.requests[1].url).toBe('/api/v2.0/projects/7');
    expect(server.requests[1].headers['x-is-resource-name']).toBeUndefined();
  });

  it.each([
    [
      400,
      'BAD_REQUEST',
      InputError,
      "Harbor instance 'mapping' rejected getProject of project team-a as invalid: harbor says BAD_REQUEST",
    ],
    [
      422,
      'UNPROCESSABLE_ENTITY',
      InputError,
      "Harbor instance 'mapping' rejected getProject of project team-a as invalid: harbor says UNPROCESSABLE_ENTITY",
    ],
    [
      401,
      'UNAUTHORIZED',
      AuthenticationError,
      "Harbor instance 'mapping' rejected the configured credentials (Harbor treats them as anonymous) for getProject of project team-a; check the username and password of this instance",
    ],
    [
      403,
      'DENIED',
      NotAllowedError,
      "Harbor instance 'mapping' denied getProject of project team-a: harbor says DENIED; the configured account lacks the permission, or Harbor is in read-only mode",
    ],
    [
      404,
      'NOT_FOUND',
      NotFoundError,
      "Harbor instance 'mapping' found nothing for getProject of project team-a: harbor says NOT_FOUND",
    ],
    [
      409,
      'CONFLICT',
      ConflictError,
      "Harbor instance 'mapping' reports a conflict for getProject of project team-a: harbor says CONFLICT",
    ],
    [
      412,
      'PRECONDITION',
      ConflictError,
      "Harbor instance 'mapping' refused getProject of project team-a because a precondition failed: harbor says PRECONDITION",
    ],
    [
      500,
      'UNKNOWN',
      ServiceUnavailableError,
      "Harbor instance 'mapping' failed getProject of project team-a with 500; Harbor's core log has the details under the request id",
    ],
  ])(
    'maps %p %s to %p with Harbor details on the cause',
    async (status, code, errorClass, message) => {
      server = await startLocalServer((_req, res) =>
        harborError(res, status, code, `harbor says ${code}`, `rid-${status}`),
      );
      const client = HarborClient.create({
        instance: testInstance(server.url, { name: 'mapping' }),
        retry: noSleep,
      });
      const error = await caught(client.projects.get('team-a'));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.message).toBe(
        `${message}; caused by HarborApiError: getProject answered ${status} ${code} [X-Request-Id rid-${status}]`,
      );
      expect(error.message).not.toContain(new URL(server.url).host);
      expect(error.message).not.toContain('/api/v2.0');
      const cause = getHarborApiError(error);
      expect(cause).toBeInstanceOf(HarborApiError);
      expect(cause).toMatchObject({
        status,
        code,
        harborMessage: `harbor says ${code}`,
        requestId: `rid-${status}`,
        operation: 'getProject',
        method: 'GET',
        path: '/projects/team-a',
        url: `${server!.url}/api/v2.0/projects/team-a`,
        host: new URL(server!.url).host,
        subject: 'project team-a',
        instance: 'mapping',
        kind: 'response',
      });
    },
  );

  it('turns a missing answer into a ServiceUnavailableError within the configured timeout', async () => {
    server = await startLocalServer(() => {
      // never answers
    });
    const client = HarborClient.create({
      instance: testInstance(server.url, {
        name: 'slow',
        requestTimeoutMs: 150,
      }),
      retry: noSleep,
    });
    const started = Date.now();
    const error = await caught(
      client.withContext({ requestId: 'rid-slow' }).system.health(),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      "Harbor instance 'slow' did not answer getHealth in time; check that Harbor is up or raise harbor.requestTimeout; caused by HarborApiError: getHealth timed out [X-Request-Id rid-slow]",
    );
    expect(getHarborApiError(error)).toMatchObject({
      kind: 'timeout',
      operation: 'getHealth',
      detail: 'no answer within 150 ms',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('names the instance, and not its host, when Harbor cannot be reached', async () => {
    const closed = await startLocalServer(() => {});
    const url = closed.url;
    await closed.close();
    const client = HarborClient.create({
      instance: testInstance(url, { name: 'down' }),
      retry: noSleep,
    });
    const error = await caught(
      ping(client.withContext({ requestId: 'rid-down' })),
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      "Harbor instance 'down' could not be reached for getPing; check harbor baseUrl and the network; caused by HarborApiError: getPing failed with ECONNREFUSED [X-Request-Id rid-down]",
    );
    // The browser sees the message and the cause's JSON; the host is only on the cause, for the backend log.
    expect(JSON.stringify(error)).not.toContain(new URL(url).host);
    const cause = getHarborApiError(error);
    expect(cause).toMatchObject({
      kind: 'network',
      networkCode: 'ECONNREFUSED',
      host: new URL(url).host,
    });
    expect(cause?.logFields()).toMatchObject({
      harborRequest: `GET ${url}/api/v2.0/ping`,
      harborDetail: expect.stringContaining(new URL(url).host),
    });
  });

  it('retries a GET after 503 and after a dropped connection, backing off between attempts', async () => {
    let calls = 0;
    server = await startLocalServer((_req, res) => {
      calls++;
      if (calls === 1) return harborError(res, 503, 'UNKNOWN', 'busy');
      if (calls === 2) return res.socket?.destroy();
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('Pong');
    });
    const delays: number[] = [];
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'retry-get' }),
      retry: {
        sleep: async ms => void delays.push(ms),
        random: () => 1,
        baseDelayMs: 100,
      },
    });
    await expect(ping(client)).resolves.toBe('Pong');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
  });

  it('gives up after three attempts', async () => {
    server = await startLocalServer((_req, res) =>
      harborError(res, 502, 'UNKNOWN', 'bad gateway'),
    );
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'retry-max' }),
      retry: noSleep,
    });
    await expect(client.system.health()).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a POST', async () => {
    server = await startLocalServer((_req, res) =>
      harborError(res, 503, 'UNKNOWN', 'busy'),
    );
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'retry-post' }),
      retry: noSleep,
    });
    await expect(client.projects.create({ project_name: 'x' })).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('reports a redirect instead of following it with the credentials', async () => {
    const elsewhere = await startLocalServer((_req, res) => {
      res.writeHead(200);
      res.end('{}');
    });
    server = await startLocalServer((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/api/v2.0/health` });
      res.end();
    });
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'redirect' }),
    });
    const error = await caught(client.system.health());
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(getHarborApiError(error)).toMatchObject({
      kind: 'redirect',
      status: 302,
    });
    expect(elsewhere.requests).toHaveLength(0);
    await elsewhere.close();
  });

  it('returns the id from Location for creates', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(201, { Location: '/api/v2.0/projects/42' });
      res.end();
    });
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'location' }),
    });
    await expect(
      client.projects.create({ project_name: 'team-a' }),
    ).resolves.toBe(42);
    expect(JSON.parse(server.requests[0].body)).toEqual({
      project_name: 'team-a',
    });
  });

  it('keeps every form of the credentials out of errors and logs', async () => {
    const password = 'Sup3r-S3cret-Value';
    const username = 'robot$leaky';
    const pair = `${username}:${password}`;
    server = await startLocalServer((req, res) => {
      // A hostile or buggy server echoing the credentials back in its error message.
      const message = `bad auth ${req.headers.authorization} ${pair} ${password}`;
      if (req.url?.includes('health')) return res.socket?.destroy();
      return harborError(
        res,
        req.url?.includes('users') ? 401 : 400,
        'BAD_REQUEST',
        message,
      );
    });
    const logger = mockServices.logger.mock();
    const client = HarborClient.create({
      instance: testInstance(server.url, { name: 'leaky', username, password }),
      logger,
      retry: noSleep,
    });
    const errors = [
      await caught(client.projects.get('x')),
      await caught(currentUser(client)),
      await caught(client.system.health()),
    ];
    const logged = JSON.stringify([
      (logger.debug as jest.Mock).mock.calls,
      (logger.info as jest.Mock).mock.calls,
      (logger.warn as jest.Mock).mock.calls,
      (logger.error as jest.Mock).mock.calls,
    ]);
    expect((logger.debug as jest.Mock).mock.calls.length).toBeGreaterThan(0);
    const base64 = Buffer.from(pair).toString('base64');
    for (const error of errors) {
      const text = [
        inspect(error, { depth: 10, showHidden: true }),
        JSON.stringify(error),
        JSON.stringify(getHarborApiError(error)),
        error.stack ?? '',
        String(error.cause),
      ].join('\n');
      for (const secret of [password, pair, base64]) {
        expect(text).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
    }
    expect(errors[0].message).toContain('[redacted]');
  });

  it('holds at most maxConcurrency requests in flight to one instance, across clients', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startLocalServer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"status":"healthy"}');
      }, 20);
    });
    const instance = testInstance(server.url, {
      name: 'capped',
      maxConcurrency: 3,
    });
    const a = HarborClient.create({ instance });
    const b = HarborClient.create({ instance });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).system.health()),
    );
    expect(server.requests).toHaveLength(12);
    expect(maxInFlight).toBe(3);
  });
});

describe('HarborClient cancellation', () => {
  it("rejects with the caller's abort reason instead of a Harbor error", async () => {
    const server = await startLocalServer(() => {});
    try {
      const controller = new AbortController();
      const client = HarborClient.create({
        instance: testInstance(server.url, { name: 'abort' }),
      });
      const pending = client
        .withContext({ signal: controller.signal })
        .system.health();
      controller.abort(new Error('request cancelled by the user'));
      await expect(pending).rejects.toThrow('request cancelled by the user');
    } finally {
      await server.close();
    }
  });
});
