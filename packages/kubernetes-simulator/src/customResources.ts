import type { ResourceType } from './resources';

/**
 * The custom resources served, one per CRD schema in `schemas/`. The schema files carry only the
 * openAPIV3Schema, so the names and scope of each CRD (spec.names, spec.scope) are written here.
 *
 * Not served, as in the operators' own CRDs: external-secrets.io v1beta1 ExternalSecret and ClusterSecretStore
 * (`served: false` since ESO 0.17); their schemas are kept for reference only.
 */
interface CustomResourceDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  /** False when the schema has no status (the CRD then has no status subresource). */
  status?: boolean;
}

// prettier-ignore
const DEFINITIONS: CustomResourceDefinition[] = [
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
];

export const CUSTOM_RESOURCES: ResourceType[] = DEFINITIONS.map(d => ({
  group: d.group,
  version: d.version,
  kind: d.kind,
  plural: d.plural,
  singular: d.kind.toLowerCase(),
  namespaced: d.namespaced,
  statusSubresource: d.status !== false,
  // Custom resources always carry metadata.generation (apiextensions-apiserver's strategy).
  generation: true,
  nameRule: 'dns1123-subdomain',
  schemaFile: `${d.group}/${d.kind.toLowerCase()}_${d.version}.json`,
  shortNames: d.shortNames,
}));
