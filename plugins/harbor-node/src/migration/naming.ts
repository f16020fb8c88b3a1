/** The Harbor registry endpoint type of the old registry (Harbor's adapter for the CNCF distribution). @public */
export const REGISTRY_TYPE = 'docker-registry';

/** The default name of the Harbor registry endpoint of the old registry. @public */
export const DEFAULT_MIGRATION_REGISTRY_NAME = 'old-registry';

/**
 * The replication policy of a target project: one per project and registry endpoint. The actions create it under
 * this name and the backend finds it by it, so both must agree.
 * @public
 */
export function policyName(registryName: string, project: string): string {
  return `migrate-${registryName}-to-${project}`;
}
