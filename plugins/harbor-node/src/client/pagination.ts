import pLimit from 'p-limit';

/** Harbor's largest page; larger values answer 422 (harbor-api.md §0, harbor#16976). @public */
export const HARBOR_MAX_PAGE_SIZE = 100;

/**
 * One page of a Harbor list: its items and the answer, whose `X-Total-Count` header gives the total.
 * @public
 */
export interface HarborPage<T> {
  items: T[];
  response: Response;
}

/** @public */
export interface ListAllOptions {
  /** Items per page, at most 100. Default 100. */
  pageSize?: number;
  /** Pages fetched at once after the first. Default 4; the instance's concurrency cap applies on top. */
  concurrency?: number;
  /** Stop after this many pages, as a guard against unbounded lists. Default 1000 (100,000 items). */
  maxPages?: number;
}

/**
 * Every item of a paged Harbor list. Fetches the first page, reads `X-Total-Count`, then fetches the remaining
 * pages at once with bounded concurrency, and returns the items in page order. Computing the pages from the
 * total is what harbor-api.md §0 recommends over following `Link`, whose URLs are unescaped and lack the proxy
 * prefix. Without the header it walks the pages one by one until a short page.
 * @public
 */
export async function listAll<T>(
  fetchPage: (page: number, pageSize: number) => Promise<HarborPage<T>>,
  options: ListAllOptions = {},
): Promise<T[]> {
  const pageSize = Math.min(
    HARBOR_MAX_PAGE_SIZE,
    Math.max(1, options.pageSize ?? HARBOR_MAX_PAGE_SIZE),
  );
  const maxPages = options.maxPages ?? 1000;
  const first = await fetchPage(1, pageSize);
  const total = totalCount(first.response);

  if (total === undefined) {
    const items = [...first.items];
    let last = first.items;
    for (let page = 2; last.length >= pageSize && page <= maxPages; page++) {
      last = (await fetchPage(page, pageSize)).items;
      items.push(...last);
    }
    return items;
  }

  const pages = Math.min(maxPages, Math.ceil(total / pageSize));
  if (pages <= 1) return first.items;
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, i) =>
      limit(async () => (await fetchPage(i + 2, pageSize)).items),
    ),
  );
  return first.items.concat(...rest);
}

/** The `X-Total-Count` of a list answer, if present and valid. @public */
export function totalCount(response: Response): number | undefined {
  const raw = response.headers.get('x-total-count');
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
