import { HarborContext, HarborResult, queryInt } from './context';
import { unprocessable } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

/**
 * Reads `page` and `page_size`; a page size over 100 is Harbor's 422 (harbor#17787). A page size of 0 (or
 * below) is no limit: the ORM only pages when `PageSize > 0` (src/lib/orm/query.go `QuerySetter`).
 */
export function pageParams(ctx: HarborContext): {
  page: number;
  pageSize: number;
} {
  const pageSize = queryInt(ctx, 'page_size') ?? DEFAULT_PAGE_SIZE;
  if (pageSize > MAX_PAGE_SIZE) {
    throw unprocessable(
      `validation failure list:\npage_size in query should be less than or equal to ${MAX_PAGE_SIZE}`,
    );
  }
  const page = Math.max(1, Math.floor(queryInt(ctx, 'page') ?? 1));
  return { page, pageSize: Math.floor(pageSize) };
}

/**
 * Go's url.Values.Encode followed by url.QueryUnescape: keys sorted, values in order, then unescaped, with
 * `page` and `page_size` set (go-swagger fills in the default page size when the request had none).
 */
function harborQuery(rawQuery: string, page: number, pageSize: number): string {
  const params = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  params.set('page', [String(page)]);
  params.set('page_size', [String(pageSize)]);
  return [...params.keys()]
    .sort()
    .flatMap(k => params.get(k)!.map(v => `${k}=${v}`))
    .join('&');
}

/**
 * Harbor's Link header (src/server/v2.0/handler/base.go `Links`): path-only URLs, the query URL-unescaped with
 * `page_size` always in it, the entries joined by " , "; none when the page size is 0 (every row).
 */
export function linkHeader(
  rawPath: string,
  rawQuery: string,
  total: number,
  page: number,
  pageSize: number,
): string | undefined {
  const links: string[] = [];
  if (pageSize === 0) return undefined;
  if (page > 1 && (page - 1) * pageSize < total) {
    links.push(
      `<${rawPath}?${harborQuery(rawQuery, page - 1, pageSize)}>; rel="prev"`,
    );
  }
  if (pageSize * page < total) {
    links.push(
      `<${rawPath}?${harborQuery(rawQuery, page + 1, pageSize)}>; rel="next"`,
    );
  }
  return links.length ? links.join(' , ') : undefined;
}

/** One page of `items` with X-Total-Count and Link. */
export function paginate<T>(
  ctx: HarborContext,
  items: T[],
): { items: T[]; headers: Record<string, string> } {
  const { page, pageSize } = pageParams(ctx);
  const start = (page - 1) * pageSize;
  const headers: Record<string, string> = {
    'X-Total-Count': String(items.length),
  };
  const link = linkHeader(
    ctx.rawPath,
    ctx.rawQuery,
    items.length,
    page,
    pageSize,
  );
  if (link) headers.Link = link;
  return {
    items: pageSize > 0 ? items.slice(start, start + pageSize) : items,
    headers,
  };
}

/** A 200 with one page of `items`, each shown through `view`. */
export function pageResult<T>(
  ctx: HarborContext,
  items: T[],
  view: (item: T) => unknown = item => item,
): HarborResult {
  const page = paginate(ctx, items);
  return { status: 200, body: page.items.map(view), headers: page.headers };
}
