import type { HarborVulnerability } from '@backstage-harbor/plugin-harbor-common';
import {
  compareVulnerabilities,
  cvssV3,
  pageVulnerabilities,
  toHarborVulnerability,
} from './vulnerabilities';

describe('cvssV3', () => {
  it('takes the preferred CVSS v3 score and vector', () => {
    expect(
      cvssV3({
        id: 'CVE-1',
        preferred_cvss: { score_v3: 9.8, vector_v3: 'CVSS:3.1/AV:N' },
      }),
    ).toEqual({ score: 9.8, vector: 'CVSS:3.1/AV:N' });
  });

  it('falls back to the scanner’s NVD score, then another vendor’s', () => {
    expect(
      cvssV3({
        id: 'CVE-1',
        preferred_cvss: { score_v3: null, vector_v3: '' },
        vendor_attributes: {
          CVSS: {
            redhat: { V3Score: 7.0 },
            nvd: { V3Score: 7.5, V3Vector: 'v' },
          },
        },
      }),
    ).toEqual({ score: 7.5, vector: 'v' });
    expect(
      cvssV3({
        id: 'CVE-1',
        vendor_attributes: { CVSS: { redhat: { V3Score: '6.1' } } },
      }),
    ).toEqual({ score: 6.1, vector: undefined });
  });

  it('falls back to the scanner when the preferred score is blank, not a number or not finite', () => {
    for (const score_v3 of ['', '  ', 'n/a', Number.NaN, Infinity]) {
      expect(
        cvssV3({
          id: 'CVE-1',
          preferred_cvss: { score_v3: score_v3 as number, vector_v3: '  ' },
          vendor_attributes: { CVSS: { nvd: { V3Score: 7.5, V3Vector: 'v' } } },
        }),
      ).toEqual({ score: 7.5, vector: 'v' });
    }
  });

  it('skips a vendor entry that is null', () => {
    expect(
      cvssV3({
        id: 'CVE-1',
        vendor_attributes: { CVSS: { nvd: null, redhat: { V3Score: 5.3 } } },
      }),
    ).toEqual({ score: 5.3, vector: undefined });
  });

  it('has no score when the scanner reports none', () => {
    expect(cvssV3({ id: 'CVE-1' })).toEqual({});
  });
});

describe('toHarborVulnerability', () => {
  it('normalises the severity and leaves out an empty fix version', () => {
    expect(
      toHarborVulnerability({
        id: 'CVE-2',
        package: 'apt',
        version: '2.6.1',
        fix_version: '',
        severity: 'LOW',
        links: ['https://avd.aquasec.com/nvd/cve-2'],
        description: '',
      }),
    ).toEqual({
      id: 'CVE-2',
      severity: 'Low',
      cvssScore: undefined,
      cvssVector: undefined,
      package: 'apt',
      version: '2.6.1',
      fixVersion: undefined,
      links: ['https://avd.aquasec.com/nvd/cve-2'],
      description: undefined,
    });
  });

  it('fills a missing package and version with empty text and keeps only string links', () => {
    expect(
      toHarborVulnerability({
        id: 'CVE-3',
        links: [
          'https://nvd.nist.gov/vuln/detail/CVE-3',
          7 as any,
          null as any,
        ],
      }),
    ).toMatchObject({
      package: '',
      version: '',
      links: ['https://nvd.nist.gov/vuln/detail/CVE-3'],
    });
    expect(
      toHarborVulnerability({ id: 'CVE-4', links: 'https://x' as any }).links,
    ).toEqual([]);
  });
});

const v = (
  id: string,
  severity: HarborVulnerability['severity'],
  extra: Partial<HarborVulnerability> = {},
): HarborVulnerability => ({
  id,
  severity,
  package: 'pkg',
  version: '1',
  links: [],
  ...extra,
});

describe('pageVulnerabilities', () => {
  const all = [
    v('CVE-L', 'Low'),
    v('CVE-C1', 'Critical', { cvssScore: 9.1, fixVersion: '2' }),
    v('CVE-C2', 'Critical', { cvssScore: 10 }),
    v('CVE-H', 'High', { fixVersion: '3', description: 'Heap overflow' }),
  ];

  it('puts a scored finding before an unscored one of the same severity, then orders by id and package', () => {
    const scored = v('CVE-B', 'High', { cvssScore: 0 });
    const unscored = v('CVE-A', 'High');
    expect(compareVulnerabilities(scored, unscored)).toBeLessThan(0);
    expect(compareVulnerabilities(unscored, scored)).toBeGreaterThan(0);
    expect(
      [
        v('CVE-2', 'Low', { package: 'b' }),
        v('CVE-2', 'Low', { package: 'a' }),
        v('CVE-1', 'Low', { package: 'z' }),
      ]
        .sort(compareVulnerabilities)
        .map(x => `${x.id} ${x.package}`),
    ).toEqual(['CVE-1 z', 'CVE-2 a', 'CVE-2 b']);
  });

  it('sorts worst first, then by CVSS score', () => {
    expect([...all].sort(compareVulnerabilities).map(x => x.id)).toEqual([
      'CVE-C2',
      'CVE-C1',
      'CVE-H',
      'CVE-L',
    ]);
  });

  it('pages the filtered findings and counts severities across the other filters', () => {
    const page = pageVulnerabilities(all, {
      severities: ['Critical', 'High'],
      fixable: true,
      page: 2,
      pageSize: 1,
    });
    expect(page.items.map(x => x.id)).toEqual(['CVE-H']);
    expect(page.total).toBe(2);
    expect(page.counts).toMatchObject({ Critical: 1, High: 1, Low: 0 });
  });

  it('finds text in the id, package or description', () => {
    expect(
      pageVulnerabilities(all, { q: 'heap', page: 1, pageSize: 10 }).items.map(
        x => x.id,
      ),
    ).toEqual(['CVE-H']);
  });

  it('filters by severity alone, and counts every severity', () => {
    const page = pageVulnerabilities(all, {
      severities: ['Critical'],
      page: 1,
      pageSize: 10,
    });
    expect(page.items.map(x => x.id)).toEqual(['CVE-C2', 'CVE-C1']);
    expect(page.total).toBe(2);
    expect(page.counts).toMatchObject({ Critical: 2, High: 1, Low: 1 });
  });

  it('takes an empty severity list as no severity filter', () => {
    expect(
      pageVulnerabilities(all, {
        severities: [],
        page: 1,
        pageSize: 10,
      }).items.map(x => x.id),
    ).toEqual(['CVE-C2', 'CVE-C1', 'CVE-H', 'CVE-L']);
  });

  it('matches text in the id and the package whatever its case', () => {
    const withPackage = [...all, v('GHSA-1', 'Medium', { package: 'openssl' })];
    const ids = (q: string) =>
      pageVulnerabilities(withPackage, { q, page: 1, pageSize: 10 }).items.map(
        x => x.id,
      );
    expect(ids('cve-c2')).toEqual(['CVE-C2']);
    expect(ids('OpenSSL')).toEqual(['GHSA-1']);
  });

  it('answers an empty page past the end', () => {
    expect(pageVulnerabilities(all, { page: 9, pageSize: 10 })).toMatchObject({
      items: [],
      total: 4,
      page: 9,
    });
  });
});
