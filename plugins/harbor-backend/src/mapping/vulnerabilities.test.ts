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

  it('answers an empty page past the end', () => {
    expect(pageVulnerabilities(all, { page: 9, pageSize: 10 })).toMatchObject({
      items: [],
      total: 4,
      page: 9,
    });
  });
});
