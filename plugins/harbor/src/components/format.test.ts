import {
  formatBytes,
  formatCvss,
  formatDateTime,
  formatQuota,
  formatRelativeTime,
  quotaPercent,
  shortDigest,
} from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [52_428_800, '50.0 MiB'],
    [150 * 1024 ** 3, '150 GiB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('writes a dash for a missing or negative size', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and 12 hex digits', () => {
    expect(shortDigest(`sha256:${'4a1c0e3f9b2d'}${'0'.repeat(52)}`)).toBe(
      'sha256:4a1c0e3f9b2d',
    );
  });

  it('shortens a digest without algorithm', () => {
    expect(shortDigest('abcdef0123456789')).toBe('abcdef012345');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2024-05-10T12:00:00Z');

  it('says how long ago', () => {
    expect(formatRelativeTime('2024-05-07T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelativeTime('2024-05-10T11:00:00Z', now)).toBe('1 hour ago');
    expect(formatRelativeTime('2024-05-10T11:59:30Z', now)).toBe('just now');
  });

  it('says never for an artifact never pulled', () => {
    expect(formatRelativeTime(undefined, now)).toBe('never');
  });

  it('writes a dash for a time it cannot read', () => {
    expect(formatRelativeTime('not a time', now)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('writes UTC to the minute', () => {
    expect(formatDateTime('2024-05-01T10:05:31Z')).toBe('2024-05-01 10:05 UTC');
    expect(formatDateTime(undefined)).toBe('—');
  });
});

describe('formatCvss', () => {
  it('writes one decimal or a dash', () => {
    expect(formatCvss(9.8)).toBe('9.8');
    expect(formatCvss(7)).toBe('7.0');
    expect(formatCvss(undefined)).toBe('—');
  });
});

describe('quotas', () => {
  it('treats -1 as unlimited, as Harbor does', () => {
    expect(quotaPercent(100, -1)).toBeUndefined();
    expect(formatQuota(1024 ** 3, -1)).toBe('1.0 GiB of unlimited');
  });

  it('caps the share at 100% when a project is over quota', () => {
    expect(quotaPercent(12, 10)).toBe(100);
    expect(quotaPercent(0, 0)).toBe(0);
  });

  it('writes used, limit and share', () => {
    expect(formatQuota(5 * 1024 ** 3, 10 * 1024 ** 3)).toBe(
      '5.0 GiB of 10.0 GiB (50%)',
    );
  });
});
