/**
 * A Kubernetes API server simulator for tests: real HTTP paths for core, apps and the custom resources of the
 * platform (CloudNativePG, External Secrets, Flux, cert-manager, prometheus-operator, ...), with resourceVersion
 * concurrency, CRD schema validation, bearer-token auth, a request log and fault injection.
 *
 * @packageDocumentation
 */

export { startKubernetesSimulator } from './simulator';
export type {
  KubernetesSimulator,
  KubernetesSimulatorOptions,
} from './simulator';
export type { KubeconfigOptions } from './kubeconfig';
export { DEFAULT_ADMIN_TOKEN, readOnlyRules } from './auth';
export type { AccessRule, SimulatorToken } from './auth';
export { KubernetesFaults } from './faults';
export type { KubernetesFault, InjectedFault } from './faults';
export { KubernetesRequestLog } from './requestLog';
export type { KubernetesRequestLogEntry, RequestLogFilter } from './requestLog';
export {
  defaultSeed,
  SEED_IMAGES,
  SEED_REGISTRY,
  seedImageId,
  seedDigest,
} from './seed';
export {
  harborPlatformObjects,
  SEED_HARBOR_CHART_VERSION,
} from './harborPlatform';
export type { HarborPlatformSeedOptions } from './harborPlatform';
export { RESOURCES } from './resources';
export type { ResourceType } from './resources';
export type {
  KubernetesStatus,
  StatusCause,
  StatusDetails,
  StatusReason,
} from './status';
export type { KubernetesObject, KubernetesVerb, ObjectMeta } from './types';
