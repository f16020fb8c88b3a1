import { HarborError } from './errors';
import { matchesClause, parseQuery } from './query';

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

  const refusal = (q: string) => {
    try {
      parseQuery(q);
    } catch (e) {
      return e instanceof HarborError ? [e.status, e.message] : e;
    }
    return 'accepted';
  };

  // Harbor: src/lib/q/builder.go, parseKeywords splits q on every comma, so a list holds none.
  it('splits on every comma, inside a list too', () => {
    expect(refusal('operation={pull,delete}')).toEqual([
      400,
      'invalid query string value: {pull',
    ]);
    expect(refusal('operation=pull,delete')).toEqual([
      400,
      'the query string must contain "=" and the key/value cannot be empty',
    ]);
  });

  // Harbor: src/lib/q/builder.go, parseKeywords: `len(strs) != 2 || len(strs[0]) == 0 || len(strs[1]) == 0`.
  it.each([['name'], ['=web'], ['name='], ['name=web,']])(
    'refuses the part without key, "=" or value in %p with 400',
    q => {
      expect(refusal(q)).toEqual([
        400,
        'the query string must contain "=" and the key/value cannot be empty',
      ]);
    },
  );

  // Harbor: src/lib/q/builder.go, parsePattern → parseFuzzyMatchValue, parseRange, parseOrList, parseAndList.
  it.each([
    ['name=~'],
    ['t=[1~2'],
    ['t=[1~2~3]'],
    ['t=[~]'],
    ['t={a b'],
    ['t=(a b'],
  ])('refuses the malformed value of %p with 400', q => {
    expect(refusal(q)).toEqual([
      400,
      `invalid query string value: ${q.slice(q.indexOf('=') + 1)}`,
    ]);
  });

  // Harbor: src/lib/q/builder.go, parseList splits on " " and parseValue trims quotes from strings.
  it('separates list values by spaces only and strips their quotes', () => {
    expect(parseQuery('operation={"create"  delete}')).toEqual([
      { key: 'operation', kind: 'or', values: ['create', 'delete'] },
    ]);
  });

  // Harbor: src/lib/q/builder.go, parseKeywords URL-unescapes q once more and keeps keywords in a map.
  it('unescapes q once more and keeps the last clause of a key', () => {
    expect(parseQuery('tags%3Dnil,name=a,name=b')).toEqual([
      { key: 'tags', kind: 'exact', value: 'nil' },
      { key: 'name', kind: 'exact', value: 'b' },
    ]);
  });

  // Harbor: src/lib/q/builder.go, escapeValue: exact values keep their quotes; a leading backslash escapes.
  it('takes an exact value literally, but for a leading backslash', () => {
    expect(parseQuery('name="web",tag=\\~v1')).toEqual([
      { key: 'name', kind: 'exact', value: '"web"' },
      { key: 'tag', kind: 'exact', value: '~v1' },
    ]);
  });
});

describe('matchesClause', () => {
  // Harbor: src/lib/orm/query.go, setFilters filters a FuzzyMatchValue with `__icontains`.
  it('matches a fuzzy value case-insensitively', () => {
    const [clause] = parseQuery('name=~TEAM');
    expect(matchesClause(clause, 'platform/team/app')).toBe(true);
    expect(matchesClause(clause, 'library/nginx')).toBe(false);
  });

  // Harbor: src/lib/orm/query.go, setFilters does nothing for a q.AndList ("handled by the logic of DAO").
  it('ignores an and-list', () => {
    const [clause] = parseQuery('name=(a b)');
    expect(matchesClause(clause, 'anything')).toBe(true);
  });
});
