import { normalizeSeverity } from './severity';

describe('normalizeSeverity', () => {
  it('keeps a severity in Harbor’s title case', () => {
    expect(normalizeSeverity('Critical')).toBe('Critical');
  });

  it('reads upper-case, lower-case and padded severities', () => {
    expect(normalizeSeverity('CRITICAL')).toBe('Critical');
    expect(normalizeSeverity('high')).toBe('High');
    expect(normalizeSeverity(' Medium ')).toBe('Medium');
    expect(normalizeSeverity('\tNEGLIGIBLE\n')).toBe('Negligible');
  });

  it('files an unrecognised word or a value that is not a string as Unknown', () => {
    expect(normalizeSeverity('Severe')).toBe('Unknown');
    expect(normalizeSeverity('')).toBe('Unknown');
    expect(normalizeSeverity(3)).toBe('Unknown');
    expect(normalizeSeverity(undefined)).toBe('Unknown');
    expect(normalizeSeverity(null)).toBe('Unknown');
  });
});
