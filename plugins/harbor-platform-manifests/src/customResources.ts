/**
 * A custom resource whose CRD schema ships in `schemas/crds/`. The schema files carry only the
 * openAPIV3Schema, so the names and scope of each CRD (spec.names, spec.scope) are written here.
 *
 * @public
 */
export interface CustomResourceDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  /** False when the schema has no status (the CRD then has no status subresource). */
  status?: boolean;
}

/**
 * The custom resources served from the schemas, one per schema file. Not served, as in the operators' own CRDs:
 * external-secrets.io v1beta1 ExternalSecret and ClusterSecretStore (`served: false` since ESO 0.17); their
 * schemas are kept for reference only.
 *
 * @public
 */
// prettier-ignore
export const CUSTOM_RESOURCE_DEFINITIONS = [
  { group: 'barmancloud.cnpg.io', version: 'v1', kind: 'ObjectStore', plural: 'objectstores', namespaced: true },
  { group: 'cert-manager.io', version: 'v1', kind: 'Certificate', plural: 'certificates', namespaced: true, shortNames: ['cert', 'certs'] },
  { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer', plural: 'clusterissuers', namespaced: false, shortNames: ['ciss'] },
  { group: 'dragonflydb.io', version: 'v1alpha1', kind: 'Dragonfly', plural: 'dragonflies', namespaced: true },
  { group: 'external-secrets.io', version: 'v1', kind: 'ClusterSecretStore', plural: 'clustersecretstores', namespaced: false, shortNames: ['css'] },
  { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret', plural: 'externalsecrets', namespaced: true, shortNames: ['es'] },
  { group: 'external-secrets.io', version: 'v1', kind: 'SecretStore', plural: 'secretstores', namespaced: true, shortNames: ['ss'] },
  { group: 'external-secrets.io', version: 'v1alpha1', kind: 'PushSecret', plural: 'pushsecrets', namespaced: true },
  { group: 'generators.external-secrets.io', version: 'v1alpha1', kind: 'Password', plural: 'passwords', namespaced: true, status: false },
  { group: 'grafana.integreatly.org', version: 'v1beta1', kind: 'GrafanaDashboard', plural: 'grafanadashboards', namespaced: true },
  { group: 'helm.toolkit.fluxcd.io', version: 'v2', kind: 'HelmRelease', plural: 'helmreleases', namespaced: true, shortNames: ['hr'] },
  { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', kind: 'Kustomization', plural: 'kustomizations', namespaced: true, shortNames: ['ks'] },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PodMonitor', plural: 'podmonitors', namespaced: true, shortNames: ['pmon'] },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PrometheusRule', plural: 'prometheusrules', namespaced: true, shortNames: ['promrule'], status: false },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', plural: 'servicemonitors', namespaced: true, shortNames: ['smon'] },
  { group: 'postgresql.cnpg.io', version: 'v1', kind: 'Backup', plural: 'backups', namespaced: true },
  { group: 'postgresql.cnpg.io', version: 'v1', kind: 'Cluster', plural: 'clusters', namespaced: true },
  { group: 'postgresql.cnpg.io', version: 'v1', kind: 'Database', plural: 'databases', namespaced: true },
  { group: 'postgresql.cnpg.io', version: 'v1', kind: 'ScheduledBackup', plural: 'scheduledbackups', namespaced: true },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'HelmRepository', plural: 'helmrepositories', namespaced: true },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'OCIRepository', plural: 'ocirepositories', namespaced: true, shortNames: ['ocirepo'] },
] as const satisfies readonly CustomResourceDefinition[];

/**
 * The kind of a custom resource whose schema ships here.
 *
 * @public
 */
export type CustomResourceKind =
  (typeof CUSTOM_RESOURCE_DEFINITIONS)[number]['kind'];

/**
 * The definition of a custom resource by its kind (each kind ships at one served version).
 *
 * @public
 */
export function customResource(
  kind: CustomResourceKind,
): CustomResourceDefinition {
  return CUSTOM_RESOURCE_DEFINITIONS.find(d => d.kind === kind)!;
}

/**
 * `group/version` of a custom resource, as written in `apiVersion`.
 *
 * @public
 */
export function apiVersionOf(kind: CustomResourceKind): string {
  const { group, version } = customResource(kind);
  return `${group}/${version}`;
}
