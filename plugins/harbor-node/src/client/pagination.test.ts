import { listAll } from './pagination';

function pages(total: number | undefined, count = total ?? 0) {
  const calls: Array<{ page: number; pageSize: number }> = [];
  const fetchPage = async (page: number, pageSize: number) => {
    calls.push({ page, pageSize });
    const start = (page - 1) * pageSize;
    const items = Array.from(
      { length: Math.max(0, Math.min(pageSize, count - start)) },
      (_, i) => start + i,
    );
    const headers: Record<string, string> =
      total === undefined ? {} : { 'X-Total-Count': String(total) };
    return { items, response: new Response(null, { headers }) };
  };
  return { calls, fetchPage };
}

describe('listAll', () => {
  it('returns all 250 items in order from 3 pages of 100', async () => {
    const { calls, fetchPage } = pages(250);
    const items = await listAll(fetchPage);
    expect(items).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(calls.map(c => c.page).sort()).toEqual([1, 2, 3]);
    expect(calls.every(c => c.pageSize === 100)).toBe(true);
  });

  it('makes one call when everything fits on the first page', async () => {
    const { calls, fetchPage } = pages(100);
    expect(await listAll(fetchPage)).toHaveLength(100);
    expect(calls).toHaveLength(1);
  });

  it('walks pages until a short one when X-Total-Count is missing', async () => {
    const { calls, fetchPage } = pages(undefined, 230);
    expect(await listAll(fetchPage)).toHaveLength(230);
    expect(calls.map(c => c.page)).toEqual([1, 2, 3]);
  });

  it('never asks for more than 100 per page', async () => {
    const { calls, fetchPage } = pages(10);
    await listAll(fetchPage, { pageSize: 500 });
    expect(calls[0].pageSize).toBe(100);
  });

  it('stops at maxPages', async () => {
    const { calls, fetchPage } = pages(1000);
    expect(await listAll(fetchPage, { maxPages: 2 })).toHaveLength(200);
    expect(calls).toHaveLength(2);
  });
});
