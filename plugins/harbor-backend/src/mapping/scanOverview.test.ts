import {
  VULNERABILITY_REPORT_V10_MIME_TYPE,
  VULNERABILITY_REPORT_V11_MIME_TYPE,
} from '@backstage-harbor/plugin-harbor-node';
import { emptySeverityCounts } from '@backstage-harbor/plugin-harbor-common';
import { pickReportSummary, toScanStatus, toScanSummary } from './scanOverview';

const success = (summary?: object, extra: object = {}) => ({
  report_id: 'r',
  scan_status: 'Success',
  severity: 'High',
  scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.1' },
  end_time: '2025-01-01T00:00:00Z',
  summary,
  ...extra,
});

describe('toScanStatus', () => {
  it.each([
    ['Pending', 'queued'],
    ['Scheduled', 'queued'],
    ['Running', 'scanning'],
    ['Success', 'success'],
    ['Error', 'error'],
    ['Stopped', 'stopped'],
    ['success', 'success'],
    ['Queued', 'queued'],
    [' Success ', 'success'],
    [5, 'not-scanned'],
    [undefined, 'not-scanned'],
    ['Something new', 'not-scanned'],
  ])('maps Harbor’s %s to %s', (harbor, ours) => {
    expect(toScanStatus(harbor)).toBe(ours);
  });
});

describe('toScanSummary', () => {
  it('fills severities that Harbor leaves out because their count is 0', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: success({
        total: 3,
        fixable: 1,
        summary: { High: 2, Low: 1 },
      }),
    });
    expect(scan).toEqual({
      status: 'success',
      severity: 'High',
      counts: { ...emptySeverityCounts(), High: 2, Low: 1 },
      total: 3,
      fixable: 1,
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.1' },
      endTime: '2025-01-01T00:00:00Z',
    });
  });

  it('reads the older adapter MIME type and upper-case severity keys', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V10_MIME_TYPE]: success({
        total: 1,
        fixable: 0,
        summary: { CRITICAL: 1 },
      }),
    });
    expect(scan.counts.Critical).toBe(1);
    expect(scan.total).toBe(1);
  });

  it('prefers the v1.1 report when both are present', () => {
    const picked = pickReportSummary({
      [VULNERABILITY_REPORT_V10_MIME_TYPE]: success(undefined, {
        report_id: 'old',
      }),
      'application/vnd.security.vulnerability.report;version=1.1': success(
        undefined,
        {
          report_id: 'new',
        },
      ),
    });
    expect(picked?.report_id).toBe('new');
  });

  it('skips overview entries that are not report objects', () => {
    expect(
      pickReportSummary({
        'application/x-empty': null,
        'application/x-text': 'oops',
        'application/x-future-report': success(undefined, { report_id: 'r2' }),
      })?.report_id,
    ).toBe('r2');
  });

  it('matches the accepted MIME types whatever their case and spacing', () => {
    expect(
      pickReportSummary(
        {
          [VULNERABILITY_REPORT_V10_MIME_TYPE]: success(undefined, {
            report_id: 'old',
          }),
          'Application/Vnd.Security.Vulnerability.Report; Version=1.1': success(
            undefined,
            { report_id: 'new' },
          ),
        },
        [
          VULNERABILITY_REPORT_V11_MIME_TYPE,
          VULNERABILITY_REPORT_V10_MIME_TYPE,
        ],
      )?.report_id,
    ).toBe('new');
  });

  it('takes Harbor’s total over the sum of the counts, and skips counts that are not numbers', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: success({
        total: 9,
        summary: { High: 2, Low: '3', Medium: Number.NaN, Critical: 1 },
      }),
    });
    expect(scan.counts).toEqual({
      ...emptySeverityCounts(),
      High: 2,
      Critical: 1,
    });
    expect(scan.total).toBe(9);
    expect(scan.fixable).toBe(0);
  });

  it('reads a summary whose severities are null as no findings, with severity None', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: success(
        { total: 0, summary: null },
        { severity: undefined, scanner: undefined, end_time: '' },
      ),
    });
    expect(scan).toEqual({
      status: 'success',
      severity: 'None',
      counts: emptySeverityCounts(),
      total: 0,
      fixable: 0,
      scanner: undefined,
      endTime: undefined,
    });
  });

  it("has no end time while Harbor reports Go's zero time for a running scan", () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: {
        report_id: 'r',
        scan_status: 'Running',
        end_time: '0001-01-01T00:00:00.000Z',
      },
    });
    expect(scan.status).toBe('scanning');
    expect(scan.endTime).toBeUndefined();
  });

  it('leaves out an empty scanner vendor and version', () => {
    expect(
      toScanSummary({
        [VULNERABILITY_REPORT_V11_MIME_TYPE]: success(
          { total: 0 },
          { scanner: { name: 'Trivy', vendor: '', version: '' } },
        ),
      }).scanner,
    ).toEqual({ name: 'Trivy', vendor: undefined, version: undefined });
  });

  it('reads a report of an unknown MIME type rather than none', () => {
    expect(
      toScanSummary({ 'application/x-future-report': success({ total: 0 }) })
        .status,
    ).toBe('success');
  });

  it('survives a successful scan without a summary', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: success(undefined, {
        severity: 'None',
      }),
    });
    expect(scan).toMatchObject({
      status: 'success',
      severity: 'None',
      total: 0,
      fixable: 0,
    });
    expect(scan.counts).toEqual(emptySeverityCounts());
  });

  it('derives the severity from the counts when Harbor sends none', () => {
    const scan = toScanSummary({
      [VULNERABILITY_REPORT_V11_MIME_TYPE]: success(
        { summary: { Medium: 4 } },
        { severity: undefined },
      ),
    });
    expect(scan.severity).toBe('Medium');
    expect(scan.total).toBe(4);
  });

  it.each([[undefined], [null], [{}], ['garbage']])(
    'shows an artifact with scan_overview %p as not scanned, not as 0 vulnerabilities',
    overview => {
      expect(toScanSummary(overview, 'IMAGE')).toEqual({
        status: 'not-scanned',
        counts: emptySeverityCounts(),
        total: 0,
        fixable: 0,
      });
    },
  );

  it('shows an artifact type that scanners do not scan as unsupported', () => {
    expect(toScanSummary(undefined, 'CHART').status).toBe('unsupported');
  });

  it('shows an unscanned artifact of unknown or lower-case image type as not scanned', () => {
    expect(toScanSummary(undefined).status).toBe('not-scanned');
    expect(toScanSummary({}, 'image').status).toBe('not-scanned');
  });

  it('keeps counts at 0 while a scan is running or after it failed', () => {
    for (const status of ['Running', 'Error']) {
      const scan = toScanSummary({
        [VULNERABILITY_REPORT_V11_MIME_TYPE]: success(
          { total: 5, summary: { High: 5 } },
          { scan_status: status, severity: 'Unknown' },
        ),
      });
      expect(scan.total).toBe(0);
      expect(scan.counts).toEqual(emptySeverityCounts());
      expect(scan.severity).toBeUndefined();
    }
  });
});
