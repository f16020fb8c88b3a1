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
