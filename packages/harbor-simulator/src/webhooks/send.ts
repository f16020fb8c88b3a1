import http from 'node:http';
import https from 'node:https';

/** The outcome of one POST: the status code, or why there was none. */
export interface SendOutcome {
  statusCode?: number;
  error?: string;
}

/**
 * One POST as Harbor's webhook job sends it (src/jobservice/job/impl/notification/webhook_job.go `execute`):
 * the formatted headers only (Go adds its User-Agent), a client timeout (`JOBSERVICE_WEBHOOK_JOB_HTTP_CLIENT_TIMEOUT`,
 * 3 s by default, http_helper.go), and the insecure client when the target skips certificate verification.
 * Never rejects; the response body is read and dropped.
 */
export function postDelivery(
  address: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; skipCertVerify: boolean; signal?: AbortSignal },
): Promise<SendOutcome> {
  return new Promise(resolve => {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      resolve({ error: `error to generate request: invalid address` });
      return;
    }
    const bytes = Buffer.from(body, 'utf8');
    const request = url.protocol === 'https:' ? https.request : http.request;
    const req = request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Length': String(bytes.length),
        'User-Agent': 'Go-http-client/1.1',
      },
      timeout: options.timeoutMs,
      signal: options.signal,
      ...(url.protocol === 'https:'
        ? { rejectUnauthorized: !options.skipCertVerify }
        : {}),
    });
    req.on('response', res => {
      res.resume();
      res.on('end', () => resolve({ statusCode: res.statusCode }));
      res.on('error', () => resolve({ statusCode: res.statusCode }));
    });
    req.on('timeout', () =>
      req.destroy(new Error('Client.Timeout exceeded while awaiting headers')),
    );
    req.on('error', e =>
      resolve({ error: `error to send request: ${(e as Error).message}` }),
    );
    req.end(bytes);
  });
}
