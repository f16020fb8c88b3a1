/*
 * The demo portal's backend: the catalog, Software Templates, TechDocs, search and the permission framework,
 * with the Harbor plugins installed.
 */
import { createBackend } from '@backstage/backend-defaults';
import { embeddedServices } from './embeddedServices';

const backend = createBackend();

// The Harbor plugins' services, each on an embedded simulator when the config names none (README: Quick start).
for (const service of embeddedServices()) backend.add(service);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Backstage's guest sign-in, waiting for the catalog's first load of the guest so that its first token carries
// the guest's groups (the platform team in examples/org.yaml).
backend.add(import('./guestSignIn'));
// DEMO ONLY: sign in as alice (team-a) or bob (team-b) to see what the permission policy lets a product team do.
backend.add(import('./demoUserSignIn'));

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

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage-harbor/plugin-harbor-backend'));

backend.start();
