import { linkHeader } from './pagination';

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
      `<${path}?page=1&page_size=10&q=name=~web&with_tag=true>; rel="prev" , <${path}?page=3&page_size=10&q=name=~web&with_tag=true>; rel="next"`,
    );
  });

  it('gives no link when everything fits in one page', () => {
    expect(linkHeader(path, '', 5, 1, 10)).toBeUndefined();
  });

  // Harbor: src/server/v2.0/handler/base.go, BaseAPI.Links sets page_size in every link.
  it('carries page_size in every link, also when the request had none', () => {
    expect(linkHeader(path, 'q=tags%3D*', 25, 2, 10)).toBe(
      `<${path}?page=1&page_size=10&q=tags=*>; rel="prev" , <${path}?page=3&page_size=10&q=tags=*>; rel="next"`,
    );
  });

  // Harbor: src/server/v2.0/handler/base.go, BaseAPI.Links returns no link when pageSize == 0.
  it('gives no link for page_size 0', () => {
    expect(linkHeader(path, 'page_size=0', 250, 1, 0)).toBeUndefined();
  });
});
