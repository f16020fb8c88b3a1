import type { SimulatorCore } from './context';
import { HarborError } from './errors';
import {
  ACCESSORY_COSIGN_SIGNATURE,
  ACCESSORY_NOTATION_SIGNATURE,
} from './auditLog';
import {
  ArtifactRecord,
  ProjectRecord,
  SEVERITY_ORDER,
  Severity,
  VULNERABILITY_REPORT_HARBOR_V10,
  VULNERABILITY_REPORT_V11,
} from './state';
import { acceptedScan, scanStateAt } from './vulnerabilities';

/** Harbor's `severity` metadata values, lower-case in the project, title-case in messages. */
function projectSeverity(value: string | undefined): Severity {
  const title = (value ?? 'low').replace(/^./, c => c.toUpperCase());
  return (SEVERITY_ORDER as string[]).includes(title)
    ? (title as Severity)
    : 'Low';
}

const policyViolation = (message: string) =>
  new HarborError(412, 'PROJECTPOLICYVIOLATION', message);

/**
 * The deployment-security checks Harbor's registry middlewares run before serving a manifest
 * (src/server/middleware/contenttrust and /vulnerable), in that order, with their messages:
 * `enable_content_trust_cosign` needs a cosign signature accessory, `enable_content_trust` (Notation since
 * Harbor 2.9; Notary v1 is gone) a notation one, and `prevent_vul` refuses an artifact without a finished
 * scan or with vulnerabilities at or above `severity` that the effective CVE allowlist does not exempt.
 * Returns the refusal, or undefined when the pull may go ahead.
 */
export function pullRefusal(
  core: SimulatorCore,
  project: ProjectRecord,
  artifact: ArtifactRecord,
): HarborError | undefined {
  const { metadata } = project;
  const hasAccessory = (type: string) =>
    artifact.accessories.some(a => a.type === type);
  if (
    metadata.enable_content_trust_cosign === 'true' &&
    !hasAccessory(ACCESSORY_COSIGN_SIGNATURE)
  ) {
    return policyViolation('The image is not signed by cosign.');
  }
  if (
    metadata.enable_content_trust === 'true' &&
    !hasAccessory(ACCESSORY_NOTATION_SIGNATURE)
  ) {
    return policyViolation('The image is not signed by notation.');
  }
  if (metadata.prevent_vul !== 'true') return undefined;
  const threshold = projectSeverity(metadata.severity);
  const scan = acceptedScan(artifact, [
    VULNERABILITY_REPORT_V11,
    VULNERABILITY_REPORT_HARBOR_V10,
  ]);
  const policy = `'Prevent images with vulnerability severity of "${threshold}" or higher from running.'`;
  if (!scan) {
    return policyViolation(
      `current image without vulnerability scanning cannot be pulled due to configured policy in ${policy} To continue with pull, please contact your project administrator for help.`,
    );
  }
  const state = scanStateAt(
    scan,
    artifact,
    core.clock.now(),
    core.scanDurations,
  );
  if (state.status !== 'Success') {
    return policyViolation(
      `current image with "${state.status}" status of vulnerability scanning cannot be pulled due to configured policy in ${policy} To continue with pull, please contact your project administrator for help.`,
    );
  }
  // The system allowlist applies when the project reuses it; the simulator's system allowlist is empty.
  const allowlisted = new Set(
    metadata.reuse_sys_cve_allowlist === 'true'
      ? []
      : (project.cve_allowlist.items ?? []).map(i => i.cve_id),
  );
  const min = SEVERITY_ORDER.indexOf(threshold);
  const matched = state.vulnerabilities.filter(
    v => !allowlisted.has(v.id) && SEVERITY_ORDER.indexOf(v.severity) >= min,
  );
  if (matched.length === 0) return undefined;
  return policyViolation(
    `current image with ${matched.length} vulnerabilities cannot be pulled due to configured policy in ${policy} To continue with pull, please contact your project administrator to exempt matched vulnerabilities through configuring the CVE allowlist.`,
  );
}
