/**
 * The `rel="next"` target of an RFC 8288 (formerly RFC 5988) `Link` header, as the registry sends it when a
 * `_catalog` or `tags/list` page is full: `</v2/_catalog?last=b&n=2>; rel="next"`. Relative targets are
 * resolved against the URL of the page.
 */
export function nextLink(
  header: string | null,
  pageUrl: string,
): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const value = rel?.[1] ?? rel?.[2];
    if (value && value.split(/\s+/).includes('next')) {
      return new URL(match[1], pageUrl).toString();
    }
  }
  return undefined;
}
