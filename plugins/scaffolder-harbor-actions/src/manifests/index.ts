/**
 * Typed GitOps manifests for the Harbor platform: render from a zod-validated spec, validate against the
 * upstream schemas.
 */
export {
  harborPlatformSpecSchema,
  parseHarborPlatformSpec,
  type HarborPlatformSpec,
  type HarborPlatformSpecInput,
  type OnePasswordProvider,
} from './spec';
export { renderHarborPlatform } from './render';
export {
  renderTeamRobotDelivery,
  robotSecretName,
  teamRobotDeliverySpecSchema,
  ROBOT_DOCKERCONFIG_FIELD,
  type TeamRobotDeliverySpec,
  type TeamRobotDeliverySpecInput,
} from './teamDelivery';
export {
  HARBOR_ALERT_RUNBOOK_ANCHORS,
  HARBOR_METRIC_NAMES,
  runbookUrl,
  type HarborAlertName,
} from './monitoring';
export { postgresMaxConnections } from './database';
export { platformNames, type PlatformNames } from './names';
export { credentialMappings, type CredentialMapping } from './secrets';
export {
  SUPPORTED_MANIFEST_KINDS,
  validateManifest,
  validateManifests,
} from './validate';
export type { KubernetesObject, RenderedFile } from './types';
