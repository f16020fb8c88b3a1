import {
  ScanSummary,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import {
  hasSbom,
  isResourceOfRepository,
  toAuditLogEntry,
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

  it('does not apply the severity gate to an artifact type that scanners do not scan', () => {
    const policy = { ...open, preventSeverity: 'Low' as const };
    const unsupported = { ...scanned({}), status: 'unsupported' as const };
    expect(toPullability(policy, toSignature([]), unsupported)).toEqual({
      allowed: true,
      reasons: [],
    });
    expect(
      toPullability({ ...policy, cosign: true }, toSignature([]), unsupported)
        .reasons,
    ).toEqual([
      'Not signed with cosign, and the project requires a cosign signature (content trust).',
    ]);
  });

  it('lets any scan state through when the project has no severity gate', () => {
    for (const status of ['not-scanned', 'error', 'scanning'] as const) {
      expect(
        toPullability(open, toSignature([]), { ...scanned({}), status }),
      ).toEqual({ allowed: true, reasons: [] });
    }
  });

  it('explains a scan that is still running under the severity gate', () => {
    const policy = { ...open, preventSeverity: 'Critical' as const };
    expect(
      toPullability(policy, toSignature([]), {
        ...scanned({}),
        status: 'scanning',
      }).reasons,
    ).toEqual([
      'Its scan is scanning, and the project prevents pulling images with Critical or higher vulnerabilities: Harbor refuses images without a finished scan.',
    ]);
  });

  it('refuses an artifact without a cosign signature, and names both missing signatures', () => {
    expect(
      toPullability(
        { ...open, cosign: true, notation: true },
        toSignature([]),
        scanned({}),
      ),
    ).toEqual({
      allowed: false,
      reasons: [
        'Not signed with cosign, and the project requires a cosign signature (content trust).',
        'Not signed with Notation, and the project requires a Notation signature (content trust).',
      ],
    });
  });

  it('lets an artifact signed the way content trust requires through', () => {
    expect(
      toPullability(
        { ...open, cosign: true, notation: true },
        toSignature([
          { type: 'signature.cosign' },
          { type: 'signature.notation' },
        ]),
        scanned({}),
      ),
    ).toEqual({ allowed: true, reasons: [] });
  });

  it('ignores accessories that are neither signatures nor an SBOM, or have no type', () => {
    const accessories = [{ type: 'subject.unknown' }, {}];
    expect(toSignature(accessories)).toEqual({ signed: false, kinds: [] });
    expect(hasSbom(accessories)).toBe(false);
    expect(hasSbom(undefined)).toBe(false);
    expect(toSignature([{ type: 'signature.notation' }])).toEqual({
      signed: true,
      kinds: ['notation'],
    });
  });

  it('reads Notation content trust, the default gate severity and the reused system allowlist', () => {
    expect(
      toProjectPullPolicy({
        metadata: {
          enable_content_trust: 'true',
          prevent_vul: 'true',
          reuse_sys_cve_allowlist: 'true',
        },
        cve_allowlist: { items: [{ cve_id: 'CVE-1' }] },
      }),
    ).toEqual({
      cosign: false,
      notation: true,
      preventSeverity: 'Low',
      allowlistedCves: 0,
    });
    expect(
      toProjectPullPolicy({ metadata: {}, cve_allowlist: {} }).allowlistedCves,
    ).toBe(0);
  });

  it('maps an audit-log entry, with empty text for missing fields and a failure only when Harbor says so', () => {
    expect(
      toAuditLogEntry(
        {
          id: 7,
          username: 'alice',
          resource: 'team-a/web:v1',
          resource_type: 'artifact',
          operation: 'pull',
          op_time: '2025-01-01T00:00:00Z',
          operation_result: false,
        },
        'default',
      ),
    ).toEqual({
      id: 7,
      username: 'alice',
      resource: 'team-a/web:v1',
      resourceType: 'artifact',
      operation: 'pull',
      time: '2025-01-01T00:00:00Z',
      succeeded: false,
      instance: 'default',
    });
    expect(toAuditLogEntry({}, 'staging')).toEqual({
      id: 0,
      username: '',
      resource: '',
      resourceType: '',
      operation: '',
      time: '',
      succeeded: true,
      instance: 'staging',
    });
    expect(toAuditLogEntry({ operation_result: true }, 'x').succeeded).toBe(
      true,
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
    expect(isResourceOfRepository('team-b/web:v1', 'team-a/web')).toBe(false);
  });
});
