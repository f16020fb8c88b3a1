import { formatQuota, parseQuota } from './quota';

describe('parseQuota', () => {
  it.each([
    ['10GiB', 10 * 1024 ** 3],
    ['500MiB', 500 * 1024 ** 2],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['1.25GiB', 1.25 * 1024 ** 3],
    ['1024TiB', 1024 * 1024 ** 4],
    ['1TiB', 1024 ** 4],
    ['2048B', 2048],
    ['-1', -1],
    [' 10GiB ', 10 * 1024 ** 3],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseQuota(text)).toEqual({ bytes });
  });

  it.each([
    ['10GB', 'Harbor counts in binary units: write GiB'],
    ['10gib', "has the unit 'gib'"],
    ['10', 'has no unit'],
    ['0MiB', 'must be more than 0 bytes'],
    ['1025TiB', "more than Harbor's maximum of 1024TiB"],
    ['-2', 'is not a size'],
    ['ten GiB', 'is not a size'],
    ['10GiB!', 'is not a size'],
    ['x10GiB', 'is not a size'],
  ])('rejects %s, saying why', (text, why) => {
    const parsed = parseQuota(text);
    expect('error' in parsed && parsed.error).toContain(why);
  });

  it('hints at binary units only for a decimal unit', () => {
    expect(parseQuota('10gib')).toEqual({
      error:
        "'10gib' has the unit 'gib', which is not one of B, KiB, MiB, GiB, TiB",
    });
    expect(parseQuota('10mb')).toEqual({
      error:
        "'10mb' has the unit 'mb', which is not one of B, KiB, MiB, GiB, TiB (Harbor counts in binary units: write MiB)",
    });
    for (const text of ['10xKB', '10KBx']) {
      const parsed = parseQuota(text);
      expect('error' in parsed && parsed.error).not.toContain('binary units');
    }
  });
});

describe('formatQuota', () => {
  it('writes bytes in the largest binary unit that divides them', () => {
    expect(formatQuota(10 * 1024 ** 3)).toBe('10 GiB');
    expect(formatQuota(1.5 * 1024 ** 3)).toBe('1.50 GiB');
    expect(formatQuota(-1)).toBe('unlimited');
    expect(formatQuota(undefined)).toBe('not set');
    expect(formatQuota(100)).toBe('100 B');
    expect(formatQuota(2 * 1024 ** 4)).toBe('2 TiB');
    expect(formatQuota(1024 ** 3)).toBe('1 GiB');
    expect(formatQuota(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatQuota(3 * 1024)).toBe('3 KiB');
    expect(formatQuota(1024)).toBe('1 KiB');
  });
});
