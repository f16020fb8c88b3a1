import { readFleetParams, toFleetQuery, writeFleetParams } from './fleetParams';

describe('fleet search parameters', () => {
  it('searches a CVE or GHSA id as an id, in upper case, and anything else as a package', () => {
    const cve = toFleetQuery(
      readFleetParams(new URLSearchParams('q=cve-2021-44228')),
    );
    expect(cve?.cveId).toBe('CVE-2021-44228');
    expect(cve?.package).toBeUndefined();
    expect(
      toFleetQuery(
        readFleetParams(new URLSearchParams('q=GHSA-jfh8-c2jp-5v3q')),
      ),
    ).toEqual(expect.objectContaining({ cveId: 'GHSA-JFH8-C2JP-5V3Q' }));
    const pkg = toFleetQuery(readFleetParams(new URLSearchParams('q=openssl')));
    expect(pkg?.package).toBe('openssl');
    expect(pkg?.cveId).toBeUndefined();
  });

  it('has no query until there is a term, a severity or a CVSS bound (the backend requires one)', () => {
    expect(
      toFleetQuery(readFleetParams(new URLSearchParams(''))),
    ).toBeUndefined();
    expect(
      toFleetQuery(readFleetParams(new URLSearchParams('fixable=true'))),
    ).toBeUndefined();
    expect(
      toFleetQuery(readFleetParams(new URLSearchParams('severity=Critical'))),
    ).toEqual(expect.objectContaining({ severity: ['Critical'] }));
    expect(
      toFleetQuery(readFleetParams(new URLSearchParams('cvssMin=9'))),
    ).toEqual(expect.objectContaining({ cvssMin: 9 }));
  });

  it('drops what the backend would refuse: unknown severities and scores outside 0–10', () => {
    const params = readFleetParams(
      new URLSearchParams(
        'severity=Critical,Bogus&cvssMin=-1&cvssMax=11&fixable=maybe',
      ),
    );
    expect(params).toEqual(
      expect.objectContaining({
        severities: ['Critical'],
        cvssMin: undefined,
        cvssMax: undefined,
        fixable: undefined,
      }),
    );
  });

  it('writes back what it reads', () => {
    const params = readFleetParams(
      new URLSearchParams(
        'q=openssl&severity=High,Critical&cvssMin=7.5&cvssMax=10&fixable=false&instance=prod',
      ),
    );
    expect(readFleetParams(writeFleetParams(params))).toEqual(params);
    expect(params.fixable).toBe(false);
  });
});
