import type { Entity } from '@backstage/catalog-model';
import type { ScanSummary } from './types';

/*
 * View models of the cluster views: the Harbor platform's state on Kubernetes (a card on the container-registry
 * System) and the images an entity's pods run (a card on components).
 */

/**
 * The Kubernetes namespace the Harbor platform runs in (its HelmRelease, CNPG Cluster, Dragonfly, Certificate and
 * ExternalSecrets). Set on the System that documents the registry, e.g. `container-registry`.
 * @public
 */
export const HARBOR_PLATFORM_NAMESPACE_ANNOTATION =
  'goharbor.io/platform-namespace';

/** The Backstage Kubernetes plugin's annotations, which select an entity's pods. @public */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** @public */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/** @public */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** Thrown for a cluster annotation (namespace, kubernetes-id) with an invalid value. @public */
export class InvalidClusterAnnotationError extends Error {
  name = 'InvalidClusterAnnotationError';
}

// A namespace name is a DNS-1123 label: at most 63 of lower-case letters, digits and '-', starting and ending
// alphanumeric. Both namespace annotations go into Kubernetes API paths.
function isKubernetesNamespaceName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/**
 * The platform namespace an entity names, or undefined without the annotation.
 * @public
 */
export function getHarborPlatformNamespace(entity: Entity): string | undefined {
  const value =
    entity.metadata.annotations?.[HARBOR_PLATFORM_NAMESPACE_ANNOTATION];
  if (value === undefined) return undefined;
  const namespace = value.trim();
  if (!isKubernetesNamespaceName(namespace)) {
    throw new InvalidClusterAnnotationError(
      `${HARBOR_PLATFORM_NAMESPACE_ANNOTATION} "${value}" is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`,
    );
  }
  return namespace;
}

/** Whether the platform status card applies: a System naming the platform namespace. @public */
export function isHarborPlatformAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'system' &&
    Boolean(
      entity.metadata.annotations?.[
        HARBOR_PLATFORM_NAMESPACE_ANNOTATION
      ]?.trim(),
    )
  );
}

/** Whether the workloads card applies: the entity names its pods the Backstage way. @public */
export function isHarborWorkloadsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION]?.trim() ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim(),
  );
}

/** How an entity's pods are selected, as the Backstage Kubernetes plugin does it. @public */
export interface KubernetesWorkloadSelector {
  /** Only this namespace; all when absent. */
  namespace?: string;
  labelSelector: string;
}

/**
 * The pods of an entity: `backstage.io/kubernetes-label-selector` when set, else the label
 * `backstage.io/kubernetes-id=<id>`; in `backstage.io/kubernetes-namespace` when set. Undefined without either.
 * @public
 */
export function getKubernetesWorkloadSelector(
  entity: Entity,
): KubernetesWorkloadSelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim();
  if (namespace !== undefined && !isKubernetesNamespaceName(namespace)) {
    throw new InvalidClusterAnnotationError(
      `${KUBERNETES_NAMESPACE_ANNOTATION} "${namespace}" is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`,
    );
  }
  if (selector) return { namespace, labelSelector: selector };
  if (!id) return undefined;
  // A label value: at most 63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric.
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/.test(id)) {
    throw new InvalidClusterAnnotationError(
      `${KUBERNETES_ID_ANNOTATION} "${id}" is not a valid label value`,
    );
  }
  return { namespace, labelSelector: `${KUBERNETES_ID_ANNOTATION}=${id}` };
}

/** The state of one platform check; `unknown` when the cluster does not have what it checks. @public */
export type PlatformCheckStatus = 'error' | 'warning' | 'unknown' | 'ok';

/** Worst first: the order the card lists checks in. @public */
export const PLATFORM_CHECK_STATUSES: readonly PlatformCheckStatus[] = [
  'error',
  'warning',
  'unknown',
  'ok',
];

/** What a platform check looks at. @public */
export type PlatformCheckKind =
  | 'workload'
  | 'helm-release'
  | 'oci-repository'
  | 'database'
  | 'database-backup'
  | 'dragonfly'
  | 'certificate'
  | 'external-secret';

/** A section of the runbook (TechDocs of the container-registry System): its page and heading anchor. @public */
export interface RunbookSection {
  /** The page's file under docs/, e.g. `operations.md`. */
  page: string;
  /** The heading's id, without `#`. */
  anchor: string;
}

/**
 * The runbook section for each platform check: where an operator reads what a failing check means and how to
 * fix it. A test checks each anchor exists in docs/.
 * @public
 */
export const PLATFORM_CHECK_RUNBOOK: Record<PlatformCheckKind, RunbookSection> =
  {
    workload: {
      page: 'troubleshooting.md',
      anchor: 'platform-workloads-not-ready',
    },
    'helm-release': {
      page: 'troubleshooting.md',
      anchor: 'platform-helmrelease-not-ready',
    },
    'oci-repository': {
      page: 'troubleshooting.md',
      anchor: 'platform-ocirepository-not-ready',
    },
    database: {
      page: 'troubleshooting.md',
      anchor: 'platform-database-not-healthy',
    },
    'database-backup': {
      page: 'alerts.md',
      anchor: 'harbor-database-backup-stale',
    },
    dragonfly: {
      page: 'troubleshooting.md',
      anchor: 'platform-dragonfly-not-ready',
    },
    certificate: {
      page: 'troubleshooting.md',
      anchor: 'platform-certificate-not-ready',
    },
    'external-secret': {
      page: 'troubleshooting.md',
      anchor: 'platform-externalsecret-not-synced',
    },
  };

/**
 * Runbook sections the registry health card (and the per-repository states of the other cards) link to, by
 * finding. @public
 */
export const REGISTRY_HEALTH_RUNBOOK = {
  componentUnhealthy: { page: 'alerts.md', anchor: 'harbor-component-down' },
  credentialsRejected: {
    page: 'troubleshooting.md',
    anchor: 'harbor-credentials-rejected',
  },
  unavailable: { page: 'troubleshooting.md', anchor: 'harbor-unavailable' },
  unreachable: { page: 'alerts.md', anchor: 'harbor-component-down' },
  readOnly: {
    page: 'operations.md',
    anchor: 'garbage-collection-and-retention',
  },
  scannerUnhealthy: {
    page: 'operations.md',
    anchor: 'scanner-database-on-an-internal-network',
  },
  replicationFailed: {
    page: 'alerts.md',
    anchor: 'harbor-replication-failures',
  },
  garbageCollectionFailed: {
    page: 'operations.md',
    anchor: 'garbage-collection-and-retention',
  },
  quotaNearlyFull: {
    page: 'alerts.md',
    anchor: 'harbor-project-quota-nearly-full',
  },
} as const satisfies Record<string, RunbookSection>;

/**
 * The address of a runbook section under the runbook's base address (TechDocs serves `page.md` at `page/`).
 * @public
 */
export function runbookSectionUrl(
  baseUrl: string,
  section: RunbookSection,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const page = section.page.replace(/\.md$/, '');
  return `${base}/${page === 'index' ? '' : `${page}/`}#${section.anchor}`;
}

/** One check of the Harbor platform. @public */
export interface PlatformCheck {
  /** Stable within a status, e.g. `certificate/harbor-tls`. */
  id: string;
  kind: PlatformCheckKind;
  /** What is checked, for people: `Certificate harbor-tls`. */
  title: string;
  status: PlatformCheckStatus;
  /** What was found, e.g. `2/3 replicas ready` or `expires in 5 days`. */
  message: string;
  runbook: RunbookSection;
}

/** The Harbor platform on Kubernetes, checks sorted with what is wrong first. @public */
export interface HarborPlatformStatus {
  /** The cluster's name (configured name or API server address). */
  cluster: string;
  namespace: string;
  /** The worst check's status; `unknown` when there is nothing to check. */
  status: PlatformCheckStatus;
  /** The chart version the HelmRelease last installed, when known. */
  chartVersion?: string;
  checks: PlatformCheck[];
  /** ISO time the cluster was read. */
  fetchedAt: string;
}

/** Orders checks worst first, then by title. @public */
export function comparePlatformChecks(
  a: PlatformCheck,
  b: PlatformCheck,
): number {
  return (
    PLATFORM_CHECK_STATUSES.indexOf(a.status) -
      PLATFORM_CHECK_STATUSES.indexOf(b.status) ||
    a.title.localeCompare(b.title)
  );
}

/** Where a running image comes from. @public */
export type ImageOrigin = 'harbor' | 'legacy-registry' | 'other';

/** The Harbor artifact a running image resolved to. @public */
export interface RunningImageArtifact {
  instance: string;
  project: string;
  repository: string;
  /** Absent when Harbor has no such artifact (deleted, or never pushed there). */
  digest?: string;
  tags: string[];
  scan?: ScanSummary;
  /** Deep link into the Harbor UI: the artifact, or the repository when there is no artifact. */
  harborUrl: string;
}

/** One container of a pod that runs an image. @public */
export interface ImageContainer {
  namespace: string;
  pod: string;
  container: string;
}

/** One image an entity's pods run. @public */
export interface RunningImage {
  /** The reference as the pod spec writes it. */
  image: string;
  /** Registry host, e.g. `harbor.example.com` or `docker.io`. */
  registry: string;
  /** The path after the host, e.g. `team-a/web` or `library/nginx`. */
  repository: string;
  tag?: string;
  /** What runs: the digest of the reference, else the one the pod status reports. */
  digest?: string;
  origin: ImageOrigin;
  /** For images from Harbor. */
  artifact?: RunningImageArtifact;
  /** Why Harbor could not say more, e.g. not found. */
  problem?: string;
  containers: ImageContainer[];
}

/** A pod of an entity. @public */
export interface EntityPod {
  namespace: string;
  name: string;
  phase?: string;
  ready: boolean;
}

/** The images an entity's pods run, old-registry images first, then the worst scan. @public */
export interface EntityWorkloads {
  cluster: string;
  labelSelector: string;
  namespace?: string;
  pods: EntityPod[];
  images: RunningImage[];
  fetchedAt: string;
}
