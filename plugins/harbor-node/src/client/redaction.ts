/**
 * The strings that must never leave a client: the password, `user:password` and its base64 (the Basic
 * `Authorization` value). Short values are skipped, as replacing them would garble every message.
 */
export function secretsOf(username?: string, password?: string): string[] {
  if (password === undefined) return [];
  const pair = `${username ?? ''}:${password}`;
  return [pair, Buffer.from(pair).toString('base64'), password].filter(
    s => s.length >= 4,
  );
}

/** `text` with every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** The messages of a failed fetch and its causes (undici hides the reason in `cause`), joined. */
export function describeNetworkError(error: unknown): string {
  const messages: string[] = [];
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.message === 'string' && current.message)
      messages.push(current.message);
    current = current.cause;
  }
  return messages.join(': ') || 'network error';
}

/** The path of a URL without the query, for log lines. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
