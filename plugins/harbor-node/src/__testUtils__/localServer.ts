import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A tiny HTTP server for the tests that need exact control over an answer (status, body, a dropped socket);
 * everything about Harbor's behaviour is tested against the simulator instead.
 */
export async function startLocalServer(
  handler: (req: RecordedRequest, res: ServerResponse) => void,
): Promise<{
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a Harbor `Errors` body, as Harbor's `lib/http/error.go` does. */
export function harborError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId = 'harbor-request-id',
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Request-Id': requestId,
  });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}

/** A configured instance as `readHarborInstances` returns it, for tests. */
export function testInstance(
  baseUrl: string,
  overrides: Partial<{
    name: string;
    username: string;
    password: string;
    requestTimeoutMs: number;
    maxConcurrency: number;
  }> = {},
) {
  const instance = {
    name: overrides.name ?? 'test',
    baseUrl,
    uiUrl: baseUrl,
    hosts: [new URL(baseUrl).host],
    requestTimeoutMs: overrides.requestTimeoutMs ?? 2_000,
    maxConcurrency: overrides.maxConcurrency ?? 8,
  };
  Object.defineProperty(instance, 'username', {
    value: 'username' in overrides ? overrides.username : 'robot$ci',
    enumerable: false,
  });
  Object.defineProperty(instance, 'password', {
    value: 'password' in overrides ? overrides.password : 'S3cret-Pa55word',
    enumerable: false,
  });
  return instance as typeof instance & { username?: string; password?: string };
}
