import {
  ScanSummary,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import {
  isResourceOfRepository,
  toProjectPullPolicy,
  toPullability,
  toSignature,
  toSupplyChain,
} from './supplyChain';

const scanned = (counts: Partial<ScanSummary['counts']>): ScanSummary => ({
  status: 'success',
  counts: { ...emptySeverityCounts(), ...counts },
  total: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
  fixable: 0,
});
const open = { cosign: false, notation: false, allowlistedCves: 0 };

describe('supply-chain mapping', () => {
  it('reads the signature kinds from the accessories, cosign first, SBOMs apart', () => {
    const accessories = [
      { type: 'harbor.sbom' },
      { type: 'signature.notation' },
      { type: 'signature.cosign' },
      { type: 'signature.cosign' },
    ];
    expect(toSignature(accessories)).toEqual({
      signed: true,
      kinds: ['cosign', 'notation'],
    });
    expect(toSupplyChain(accessories, scanned({}), undefined)).toEqual({
      signature: { signed: true, kinds: ['cosign', 'notation'] },
      sbom: true,
    });
  });

  it('treats an artifact without accessories as unsigned and without SBOM', () => {
    expect(toSupplyChain(undefined, scanned({}), open)).toEqual({
      signature: { signed: false, kinds: [] },
      sbom: false,
      pullable: { allowed: true, reasons: [] },
    });
  });

  it('reads the pull policy from the project metadata', () => {
    expect(
      toProjectPullPolicy({
        metadata: {
          enable_content_trust_cosign: 'true',
          enable_content_trust: 'false',
          prevent_vul: 'true',
          severity: 'high',
          reuse_sys_cve_allowlist: 'false',
        },
        cve_allowlist: { items: [{ cve_id: 'CVE-1' }, { cve_id: 'CVE-2' }] },
      }),
    ).toEqual({
      cosign: true,
      notation: false,
      preventSeverity: 'High',
      allowlistedCves: 2,
    });
    expect(toProjectPullPolicy({ metadata: {} })).toEqual(open);
  });

  it('explains why an unsigned artifact is refused under content trust', () => {
    const pull = toPullability(
      { ...open, cosign: true, notation: true },
      { signed: true, kinds: ['cosign'] },
      scanned({}),
    );
    expect(pull).toEqual({
      allowed: false,
      reasons: [
        'Not signed with Notation, and the project requires a Notation signature (content trust).',
      ],
    });
  });

  it('counts the vulnerabilities at or above the severity gate', () => {
    const policy = { ...open, preventSeverity: 'High' as const };
    expect(
      toPullability(
        policy,
        toSignature([]),
        scanned({ Critical: 1, High: 2, Medium: 9 }),
      ),
    ).toEqual({
      allowed: false,
      reasons: [
        '3 vulnerabilities at High or higher, and the project prevents pulling images with High or higher vulnerabilities.',
      ],
    });
    expect(
      toPullability(policy, toSignature([]), scanned({ Medium: 9 })).allowed,
    ).toBe(true);
    expect(
      toPullability(
        { ...policy, allowlistedCves: 4 },
        toSignature([]),
        scanned({ High: 1 }),
      ).reasons[0],
    ).toContain("unless the project's CVE allowlist (4 CVEs) covers them");
  });

  it('refuses unscanned and failed-scan artifacts under the severity gate, as Harbor does', () => {
    const policy = { ...open, preventSeverity: 'Critical' as const };
    const none = { ...scanned({}), status: 'not-scanned' as const };
    expect(toPullability(policy, toSignature([]), none).reasons).toEqual([
      'Not scanned, and the project prevents pulling images with Critical or higher vulnerabilities: Harbor refuses unscanned images.',
    ]);
    const failed = { ...scanned({}), status: 'error' as const };
    expect(toPullability(policy, toSignature([]), failed).reasons[0]).toContain(
      'Its scan is error',
    );
  });

  it('matches audit-log resources of a repository, not of its siblings', () => {
    expect(isResourceOfRepository('team-a/web:v1', 'team-a/web')).toBe(true);
    expect(isResourceOfRepository('team-a/web@sha256:ab', 'team-a/web')).toBe(
      true,
    );
    expect(isResourceOfRepository('team-a/web', 'team-a/web')).toBe(true);
    expect(isResourceOfRepository('team-a/web-admin:v1', 'team-a/web')).toBe(
      false,
    );
  });
});
