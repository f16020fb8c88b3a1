import { idFromLocation, lastLocationSegment } from './location';

describe('idFromLocation', () => {
  it('reads the id from the path Harbor answers a create with', () => {
    expect(idFromLocation('/api/v2.0/projects/42')).toBe(42);
    expect(idFromLocation('/api/v2.0/projects/1/immutabletagrules/7')).toBe(7);
  });

  it('reads an absolute URL and ignores a trailing slash', () => {
    expect(
      idFromLocation('https://harbor.example.com/api/v2.0/robots/12/'),
    ).toBe(12);
  });

  it('returns undefined for a name in Location or no header', () => {
    expect(idFromLocation('/api/v2.0/projects/team-a')).toBeUndefined();
    expect(idFromLocation(null)).toBeUndefined();
    expect(idFromLocation('')).toBeUndefined();
  });

  it('gives the decoded last segment for ids that are not numbers', () => {
    expect(lastLocationSegment('/api/v2.0/scanners/8b1d-uuid')).toBe(
      '8b1d-uuid',
    );
    expect(lastLocationSegment('/api/v2.0/projects/team%20a')).toBe('team a');
  });
});
