import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { embeddedRobotSecretStoresFactory } from './embeddedCluster';
import { embeddedHarborClusterFactory } from './embeddedClusterViews';
import { embeddedGitopsTargetsFactory } from './embeddedGit';
import { embeddedHarborClientsFactory } from './embeddedHarbor';
import { embeddedOldRegistryServices } from './embeddedOldRegistryServices';

/**
 * What the demo portal provides in place of the Harbor plugins' defaults, one mechanism for all: factories of the
 * root services of plugin-harbor-node, each using the config when it names the thing and an embedded simulator
 * otherwise. The old registry is the exception that proves the rule: the migration status and the migration
 * actions read `harbor.migration` as config (with the demo's rules and status TTL), so the demo adds its registry
 * to the root config, again through a service factory, that of `coreServices.rootConfig`.
 */
export function embeddedServices(): ServiceFactory[] {
  return [
    ...embeddedOldRegistryServices(),
    // Harbor: the configured instances, or the Harbor simulator with demo data on 127.0.0.1:7008.
    embeddedHarborClientsFactory,
    // Robot credentials: harbor.robotSecrets, or the embedded Kubernetes API simulator on 127.0.0.1:7009.
    embeddedRobotSecretStoresFactory,
    // Cluster views: harbor.cluster, or the same embedded simulator with the Harbor platform and the example pods.
    embeddedHarborClusterFactory,
    // GitOps commits: harbor.gitops, or an embedded Git server on 127.0.0.1:7010.
    embeddedGitopsTargetsFactory,
  ];
}
