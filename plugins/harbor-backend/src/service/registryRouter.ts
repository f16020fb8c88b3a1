import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  harborEntityHealthReadPermission,
  harborMigrationReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import type express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { authorizeBasic, migrationStatusQuery } from '../migration/authorize';
import type { MigrationService } from '../migration/MigrationService';
import type { EntityResolver } from './EntityResolver';
import type { ProjectAvailabilityService } from './ProjectAvailabilityService';
import type { RegistryHealthService } from './RegistryHealthService';
import { createEntityRequestResolver, parse } from './requests';

export interface RegistryRouterOptions {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
  permissions: PermissionsService;
  health: RegistryHealthService;
  projectAvailability: ProjectAvailabilityService;
  migration: MigrationService;
}

/** Shape only: a name breaking Harbor's rule is answered with `valid: false`, not a 400. */
const availabilityParams = z.object({ name: z.string().min(1).max(1024) });
const availabilityQuery = z.object({
  instance: z.string().min(1).max(255).optional(),
});

/** The registry behind the images: an instance's health, project names, and the migration off the old registry. */
export function createRegistryRouter(
  options: RegistryRouterOptions,
): express.Router {
  const { httpAuth, permissions, health, projectAvailability, migration } =
    options;
  const entityOf = createEntityRequestResolver(options);
  const router = Router();

  router.get('/entities/:namespace/:kind/:name/health', async (req, res) => {
    const entity = await entityOf(req, harborEntityHealthReadPermission);
    res.json(await health.getHealth(entity.instance, entity.repositories));
  });

  // Whether a Harbor project name is valid and free, and for an existing project its owner and whether the caller
  // may change it, for the scaffolder's HarborProjectNamePicker. Any signed-in user or service (the default
  // policy); it tells no more than the failing `harbor:project:ensure` would.
  router.get('/projects/:name/availability', async (req, res) => {
    const { name } = parse(availabilityParams, req.params, 'project name');
    const query = parse(availabilityQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await projectAvailability.check(name, query.instance, credentials),
    );
  });

  // The migration off the old registry covers the whole registry: a basic permission, no entity.
  router.get('/migration/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeBasic(
      permissions,
      harborMigrationReadPermission,
      credentials,
    );
    const query = parse(migrationStatusQuery, req.query, 'query');
    res.json(await migration.getStatus(query.project));
  });

  return router;
}
