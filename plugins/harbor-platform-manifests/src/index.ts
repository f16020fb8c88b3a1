/**
 * The GitOps manifests that run Harbor on Kubernetes (Flux, CloudNativePG, Dragonfly, External Secrets from
 * 1Password, Prometheus and Grafana), rendered from a zod-validated spec and validated against the upstream CRD
 * schemas shipped with the package; the object names the renderers agree on; one Ajv set-up for CRD schemas.
 *
 * @packageDocumentation
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
  harborPlatformNames,
  type HarborPlatformNamesInput,
  type PlatformNames,
} from './names';
export {
  SUPPORTED_MANIFEST_KINDS,
  validateManifest,
  validateManifests,
} from './validate';
export {
  CRD_SCHEMA_DIR,
  crdSchemaFile,
  createKubernetesAjv,
  CrdSchemaValidators,
} from './crdSchemas';
export {
  apiVersionOf,
  customResource,
  CUSTOM_RESOURCE_DEFINITIONS,
  type CustomResourceDefinition,
  type CustomResourceKind,
} from './customResources';
export type { KubernetesObject, ObjectMeta, RenderedFile } from './types';
