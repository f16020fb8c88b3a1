import { jsonPatch, mergePatch, patchTypeOf } from './patch';

describe('mergePatch (RFC 7386)', () => {
  it('merges objects recursively, removes on null and replaces arrays', () => {
    expect(
      mergePatch(
        { a: { b: 1, c: 2 }, list: [1, 2], keep: true },
        { a: { b: null, d: 3 }, list: [3] },
      ),
    ).toEqual({ a: { c: 2, d: 3 }, list: [3], keep: true });
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = { metadata: { labels: { a: '1' } }, items: ['x', 'y'] };

  it('applies add, remove, replace, move, copy and test without touching the input', () => {
    const result = jsonPatch(doc, [
      { op: 'test', path: '/items/0', value: 'x' },
      { op: 'add', path: '/items/-', value: 'z' },
      { op: 'remove', path: '/items/0' },
      { op: 'replace', path: '/metadata/labels/a', value: '2' },
      {
        op: 'add',
        path: '/metadata/labels/app.kubernetes.io~1name',
        value: 'web',
      },
      { op: 'copy', from: '/metadata/labels/a', path: '/metadata/labels/b' },
      { op: 'move', from: '/items', path: '/moved' },
    ]);
    expect(result).toEqual({
      metadata: { labels: { a: '2', b: '2', 'app.kubernetes.io/name': 'web' } },
      moved: ['y', 'z'],
    });
    expect(doc.items).toEqual(['x', 'y']);
  });

  it('fails with 422 on a failed test and on a missing path', () => {
    expect(() =>
      jsonPatch(doc, [{ op: 'test', path: '/items/0', value: 'y' }]),
    ).toThrow(expect.objectContaining({ reason: 'Invalid' }));
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/x' }])).toThrow(
      /missing path/,
    );
  });
});

describe('patchTypeOf', () => {
  it('knows the patch media types and answers 415 to others', () => {
    expect(patchTypeOf('application/merge-patch+json; charset=utf-8')).toBe(
      'merge',
    );
    expect(patchTypeOf('application/strategic-merge-patch+json')).toBe(
      'strategic',
    );
    expect(patchTypeOf('application/apply-patch+yaml')).toBe('apply');
    expect(() => patchTypeOf('application/json')).toThrow(
      expect.objectContaining({ reason: 'UnsupportedMediaType', code: 415 }),
    );
  });
});
