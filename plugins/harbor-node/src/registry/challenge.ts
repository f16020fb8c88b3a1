/** A `WWW-Authenticate` challenge of a registry (Docker Registry token authentication specification). */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://auth.example.com/token",service="registry",scope="repository:a:pull"`. */
export function parseChallenge(
  header: string | null,
): AuthChallenge | undefined {
  if (!header) return undefined;
  const scheme = /^\s*([A-Za-z]+)\s*/.exec(header);
  if (!scheme) return undefined;
  const params: Record<string, string> = {};
  const rest = header.slice(scheme[0].length);
  for (const m of rest.matchAll(
    /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g,
  )) {
    params[m[1].toLowerCase()] =
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme: scheme[1].toLowerCase(), params };
}

/**
 * The token scope a request path needs, so that after the first challenge each further repository gets its
 * token without a 401 round trip first.
 */
export function scopeOfPath(path: string): string | undefined {
  if (path === '/v2/_catalog') return 'registry:catalog:*';
  const m = /^\/v2\/(.+)\/(?:tags|manifests|blobs)\//.exec(path);
  return m ? `repository:${decodeURIComponent(m[1])}:pull` : undefined;
}
