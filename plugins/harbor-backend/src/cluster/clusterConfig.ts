import { Config } from '@backstage/config';
import {
  oldRegistryHosts,
  readOptionalSourceRegistry,
} from '@backstage-harbor/plugin-harbor-node';

/**
 * Hosts of the old registry, whose images are flagged on the workloads card: `harbor.cluster.legacyRegistryHosts`
 * and the hosts of `harbor.migration.sourceRegistry` (`url` and `harborUrl`), as the migration page reads them.
 */
export function readLegacyRegistryHosts(config: Config): string[] {
  return oldRegistryHosts(
    readOptionalSourceRegistry(config),
    config.getOptionalStringArray('harbor.cluster.legacyRegistryHosts') ?? [],
  );
}
