/*
 * The demo portal's backend: the catalog, Software Templates, TechDocs, search and the permission framework,
 * with the Harbor plugins installed.
 */
import { createBackend } from '@backstage/backend-defaults';
import { embeddedHarborClientsFactory } from './embeddedHarbor';
import { embeddedRobotSecretStoresFactory } from './embeddedCluster';
import { embeddedHarborClusterFactory } from './embeddedClusterViews';
import { embeddedGitopsTargetsFactory } from './embeddedGit';
import { embeddedOldRegistryServices } from './embeddedOldRegistryServices';

const backend = createBackend();

// The config, plus an embedded old docker-registry for the migration page when harbor.migration.sourceRegistry is
// not configured and Debian's docker-registry, skopeo and umoci are installed; it is filled once the backend is up.
for (const service of embeddedOldRegistryServices()) backend.add(service);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Backstage's guest sign-in, waiting for the catalog's first load of the guest so that its first token carries
// the guest's groups (the platform team in examples/org.yaml).
backend.add(import('./guestSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage-harbor/plugin-scaffolder-backend-module-harbor'),
);
// The GitHub pull request and GitLab merge request the platform template offers; they need an integration
// (integrations.github / integrations.gitlab with a token) in app-config.local.yaml.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
// Robot credentials: the configured cluster, or an embedded Kubernetes API simulator when none is configured.
backend.add(embeddedRobotSecretStoresFactory);
// GitOps commits: harbor.gitops, or an embedded Git server on 127.0.0.1:7010 when none is configured.
backend.add(embeddedGitopsTargetsFactory);

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// Harbor: the configured instances, or the embedded simulator when none is configured.
backend.add(embeddedHarborClientsFactory);
// Cluster views: harbor.cluster, or the embedded Kubernetes API simulator (shared with the robot credentials) with
// the Harbor platform and the example components' pods when none is configured.
backend.add(embeddedHarborClusterFactory);
backend.add(import('@backstage-harbor/plugin-harbor-backend'));

backend.start();
