import type { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  embeddedKubernetesFactory,
  embeddedRobotSecretStoresFactory,
} from './embeddedCluster';
import { embeddedHarborClusterFactory } from './embeddedClusterViews';
import { embeddedGitopsTargetsFactory } from './embeddedGit';
import { embeddedHarborClientsFactory } from './embeddedHarbor';
import { embeddedOldRegistryServices } from './embeddedOldRegistryServices';

/**
 * What the demo portal provides in place of the Harbor plugins' defaults, one mechanism for all: root service
 * factories, added together. Four replace the root services of plugin-harbor-node, each using the config when it
 * names the thing and an embedded simulator otherwise. The old registry replaces `coreServices.rootConfig`
 * instead, because the migration status and the migration actions read `harbor.migration` (with the demo's rules
 * and status TTL) as config: naming the registry there is what makes every reader see it as if configured.
 */
export function embeddedServices(): ServiceFactory[] {
  return [
    ...embeddedOldRegistryServices(),
    // Harbor: the configured instances, or the Harbor simulator with demo data on 127.0.0.1:7008.
    embeddedHarborClientsFactory,
    // The Kubernetes API simulator on 127.0.0.1:7009 that the next two share, started only when one needs it.
    embeddedKubernetesFactory,
    // Robot credentials: harbor.robotSecrets, or the embedded Kubernetes API simulator.
    embeddedRobotSecretStoresFactory,
    // Cluster views: harbor.cluster, or the same embedded simulator with the Harbor platform and the example pods.
    embeddedHarborClusterFactory,
    // GitOps commits: harbor.gitops, or an embedded Git server on 127.0.0.1:7010.
    embeddedGitopsTargetsFactory,
  ];
}
