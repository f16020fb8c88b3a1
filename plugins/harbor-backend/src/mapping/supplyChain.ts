import {
  HARBOR_ACCESSORY_TYPES,
  type HarborAccessory,
  type HarborAuditLogExt,
  type HarborProject,
} from '@backstage-harbor/plugin-harbor-node';
import {
  ArtifactPullability,
  ArtifactSignature,
  HarborAuditLogEntry,
  SEVERITIES,
  ScanSummary,
  Severity,
  SignatureKind,
  isAtLeast,
} from '@backstage-harbor/plugin-harbor-common';
import { normalizeSeverity } from './severity';

/**
 * The deployment-security settings of a project that decide whether Harbor serves a pull: the project
 * metadata keys, all strings "true"/"false" in Harbor (harbor-api.md §2).
 */
export interface ProjectPullPolicy {
  /** `enable_content_trust_cosign`: a cosign signature is required. */
  cosign: boolean;
  /** `enable_content_trust`: since Harbor 2.9 a Notation signature is required (Notary v1 is gone). */
  notation: boolean;
  /** `prevent_vul` + `severity`: the lowest severity that blocks a pull. */
  preventSeverity?: Severity;
  /** CVEs exempted from the severity gate by the project's own allowlist (when it does not reuse the system one). */
  allowlistedCves: number;
}

const SIGNATURE_TYPES: Record<string, SignatureKind> = {
  [HARBOR_ACCESSORY_TYPES.cosignSignature]: 'cosign',
  [HARBOR_ACCESSORY_TYPES.notationSignature]: 'notation',
};

/** Signatures from an artifact's accessories (`with_accessory=true`); cosign first, each kind once. */
export function toSignature(
  accessories: HarborAccessory[] | undefined,
): ArtifactSignature {
  const kinds = new Set<SignatureKind>();
  for (const accessory of accessories ?? []) {
    const kind = SIGNATURE_TYPES[accessory.type ?? ''];
    if (kind) kinds.add(kind);
  }
  const ordered = (['cosign', 'notation'] as const).filter(k => kinds.has(k));
  return { signed: ordered.length > 0, kinds: ordered };
}

/** Whether an SBOM is attached: Harbor's generated `harbor.sbom` accessory. */
export function hasSbom(accessories: HarborAccessory[] | undefined): boolean {
  return (accessories ?? []).some(
    a => a.type === HARBOR_ACCESSORY_TYPES.harborSbom,
  );
}

/** A project's pull policy from `GET /projects/{name}`. */
export function toProjectPullPolicy(project: HarborProject): ProjectPullPolicy {
  const metadata = (project.metadata ?? {}) as Record<
    string,
    string | null | undefined
  >;
  const reuseSystem = metadata.reuse_sys_cve_allowlist === 'true';
  return {
    cosign: metadata.enable_content_trust_cosign === 'true',
    notation: metadata.enable_content_trust === 'true',
    // Harbor's default severity when prevent_vul is on but none is set is "low" (the UI's default).
    preventSeverity:
      metadata.prevent_vul === 'true'
        ? normalizeSeverity(metadata.severity ?? 'low')
        : undefined,
    allowlistedCves: reuseSystem
      ? 0
      : project.cve_allowlist?.items?.length ?? 0,
  };
}

/**
 * Whether Harbor would serve the artifact, reasoned as its registry middlewares do (content trust first, then
 * the vulnerability gate, which also refuses artifacts without a finished scan). The gate counts from the scan
 * summary, which includes CVEs on the project allowlist that Harbor would let through: the reason says so.
 */
export function toPullability(
  policy: ProjectPullPolicy,
  signature: ArtifactSignature,
  scan: ScanSummary,
): ArtifactPullability {
  const reasons: string[] = [];
  if (policy.cosign && !signature.kinds.includes('cosign')) {
    reasons.push(
      'Not signed with cosign, and the project requires a cosign signature (content trust).',
    );
  }
  if (policy.notation && !signature.kinds.includes('notation')) {
    reasons.push(
      'Not signed with Notation, and the project requires a Notation signature (content trust).',
    );
  }
  const threshold = policy.preventSeverity;
  if (threshold && scan.status !== 'unsupported') {
    const gate = `the project prevents pulling images with ${threshold} or higher vulnerabilities`;
    if (scan.status !== 'success') {
      reasons.push(
        scan.status === 'not-scanned'
          ? `Not scanned, and ${gate}: Harbor refuses unscanned images.`
          : `Its scan is ${scan.status}, and ${gate}: Harbor refuses images without a finished scan.`,
      );
    } else {
      const matched = SEVERITIES.filter(s => isAtLeast(s, threshold)).reduce(
        (sum, s) => sum + (scan.counts[s] ?? 0),
        0,
      );
      if (matched > 0) {
        const exempt =
          policy.allowlistedCves > 0
            ? ` unless the project's CVE allowlist (${policy.allowlistedCves} CVEs) covers them`
            : '';
        reasons.push(
          `${matched} vulnerabilities at ${threshold} or higher, and ${gate}${exempt}.`,
        );
      }
    }
  }
  return { allowed: reasons.length === 0, reasons };
}

/** The supply-chain fields of one artifact; `pullable` only when the project's policy is known. */
export function toSupplyChain(
  accessories: HarborAccessory[] | undefined,
  scan: ScanSummary,
  policy: ProjectPullPolicy | undefined,
): {
  signature: ArtifactSignature;
  sbom: boolean;
  pullable?: ArtifactPullability;
} {
  const signature = toSignature(accessories);
  return {
    signature,
    sbom: hasSbom(accessories),
    ...(policy ? { pullable: toPullability(policy, signature, scan) } : {}),
  };
}

/** Whether an audit-log resource (`project/repo:tag`, `project/repo@digest`, `project/repo`) is of a repository. */
export function isResourceOfRepository(
  resource: string,
  fullRepositoryName: string,
): boolean {
  if (!resource.startsWith(fullRepositoryName)) return false;
  const rest = resource.slice(fullRepositoryName.length);
  return rest === '' || rest.startsWith(':') || rest.startsWith('@');
}

/** An `AuditLogExt` as the view model. */
export function toAuditLogEntry(
  log: HarborAuditLogExt,
  instance: string,
): HarborAuditLogEntry {
  return {
    id: log.id ?? 0,
    username: log.username ?? '',
    resource: log.resource ?? '',
    resourceType: log.resource_type ?? '',
    operation: log.operation ?? '',
    time: log.op_time ?? '',
    succeeded: log.operation_result !== false,
    instance,
  };
}
