import { spawn } from 'node:child_process';
import http from 'node:http';

/** The CGI environment of one request to `git http-backend` (see git-http-backend(1)). */
function cgiEnvironment(
  req: http.IncomingMessage,
  url: URL,
  root: string,
  user: string | undefined,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    // http-backend inflates a gzip-encoded request body itself.
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
    GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    // Without REMOTE_USER http-backend refuses receive-pack (http.receivepack defaults to "authenticated").
    ...(user ? { REMOTE_USER: user } : {}),
  };
}

/** Splits a CGI response head into its status (the `Status:` header, 200 without one) and other headers. */
function parseCgiHead(head: string): {
  status: number;
  headers: Record<string, string>;
} {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}

/** Where the head of a CGI response ends, and how long its blank-line separator is. */
function endOfHead(head: Buffer): { end: number; separator: number } {
  const crlf = head.indexOf('\r\n\r\n');
  if (crlf >= 0) return { end: crlf, separator: 4 };
  return { end: head.indexOf('\n\n'), separator: 2 };
}

/**
 * Runs `git http-backend` for one request and streams its CGI response back; `onStatus` hears the status sent
 * (500 when the program ends before its head).
 */
export function runHttpBackend(options: {
  backend: string;
  root: string;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  user: string | undefined;
  onStatus: (status: number) => void;
}): void {
  const { req, res } = options;
  const child = spawn(options.backend, [], {
    env: cgiEnvironment(req, options.url, options.root, options.user),
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);

  let head = Buffer.alloc(0);
  let headersSent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const { end, separator } = endOfHead(head);
    if (end < 0) return;
    const { status, headers } = parseCgiHead(
      head.subarray(0, end).toString('utf8'),
    );
    headersSent = true;
    options.onStatus(status);
    res.writeHead(status, headers);
    res.write(head.subarray(end + separator));
  });
  child.stderr.on('data', () => undefined);
  child.on('close', () => {
    if (!headersSent) {
      options.onStatus(500);
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('git http-backend failed\n');
      return;
    }
    res.end();
  });
}
