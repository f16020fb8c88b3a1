import {
  VULNERABILITY_REPORT_V10_MIME_TYPE,
  VULNERABILITY_REPORT_V11_MIME_TYPE,
  parseVulnerabilityAddition,
  pickVulnerabilityReport,
} from './vulnerabilities';

const report = {
  generated_at: '2024-01-01T00:00:00Z',
  severity: 'High',
  vulnerabilities: [
    { id: 'CVE-2024-1', package: 'openssl', version: '1', severity: 'High' },
  ],
};

describe('parseVulnerabilityAddition', () => {
  it('reads the object keyed by MIME type', () => {
    const parsed = parseVulnerabilityAddition(
      JSON.stringify({ [VULNERABILITY_REPORT_V11_MIME_TYPE]: report }),
    );
    expect(
      parsed[VULNERABILITY_REPORT_V11_MIME_TYPE].vulnerabilities?.[0].id,
    ).toBe('CVE-2024-1');
  });

  it('reads a body that is a JSON string of the object, as the spec types it', () => {
    const body = JSON.stringify(
      JSON.stringify({ [VULNERABILITY_REPORT_V10_MIME_TYPE]: report }),
    );
    expect(Object.keys(parseVulnerabilityAddition(body))).toEqual([
      VULNERABILITY_REPORT_V10_MIME_TYPE,
    ]);
  });

  it('reads report values that are JSON strings', () => {
    const body = JSON.stringify({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: JSON.stringify(report),
    });
    expect(
      parseVulnerabilityAddition(body)[VULNERABILITY_REPORT_V11_MIME_TYPE]
        .severity,
    ).toBe('High');
  });

  it('gives no reports for an artifact without any', () => {
    expect(parseVulnerabilityAddition('{}')).toEqual({});
    expect(parseVulnerabilityAddition('')).toEqual({});
  });
});

describe('pickVulnerabilityReport', () => {
  it('prefers v1.1 and matches MIME types regardless of spacing', () => {
    const picked = pickVulnerabilityReport({
      [VULNERABILITY_REPORT_V10_MIME_TYPE]: { severity: 'Low' },
      'application/vnd.security.vulnerability.report;version=1.1': {
        severity: 'High',
      },
    });
    expect(picked?.report.severity).toBe('High');
  });

  it('falls back to the only report there is, and to undefined for none', () => {
    expect(
      pickVulnerabilityReport({ 'application/x-other': { severity: 'Low' } })
        ?.mimeType,
    ).toBe('application/x-other');
    expect(pickVulnerabilityReport({})).toBeUndefined();
  });
});
