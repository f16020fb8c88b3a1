import { linkHeader } from './pagination';
import { parseQuery } from './query';

describe('linkHeader', () => {
  const path = '/api/v2.0/projects/p/repositories/a%252Fb/artifacts';

  it('gives only next on the first page and only prev on the last', () => {
    expect(linkHeader(path, 'page_size=10', 25, 1, 10)).toBe(
      `<${path}?page=2&page_size=10>; rel="next"`,
    );
    expect(linkHeader(path, 'page=3&page_size=10', 25, 3, 10)).toBe(
      `<${path}?page=2&page_size=10>; rel="prev"`,
    );
  });

  it('sorts the query keys and unescapes the values, as Go url.Values.Encode + QueryUnescape do', () => {
    expect(
      linkHeader(path, 'with_tag=true&q=name%3D~web&page=2', 50, 2, 10),
    ).toBe(
      `<${path}?page=1&q=name=~web&with_tag=true>; rel="prev" , <${path}?page=3&q=name=~web&with_tag=true>; rel="next"`,
    );
  });

  it('gives no link when everything fits in one page', () => {
    expect(linkHeader(path, '', 5, 1, 10)).toBeUndefined();
  });
});

describe('parseQuery', () => {
  it('parses exact, fuzzy, range, union and intersection clauses', () => {
    expect(
      parseQuery(
        'name=web,tags=~v1,push_time=[2024-01-01~2024-12-31],id={1 2},labels=(3 4)',
      ),
    ).toEqual([
      { key: 'name', kind: 'exact', value: 'web' },
      { key: 'tags', kind: 'fuzzy', value: 'v1' },
      { key: 'push_time', kind: 'range', min: '2024-01-01', max: '2024-12-31' },
      { key: 'id', kind: 'or', values: ['1', '2'] },
      { key: 'labels', kind: 'and', values: ['3', '4'] },
    ]);
  });
});
