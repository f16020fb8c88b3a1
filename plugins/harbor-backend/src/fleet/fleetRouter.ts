import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { harborFleetReadPermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  ClusterClient,
  HarborClients,
} from '@backstage-harbor/plugin-harbor-node';
import type express from 'express';
import Router from 'express-promise-router';
import { authorizeBasic } from '../migration/authorize';
import type { HarborCache } from '../service/HarborCache';
import { parseFleetSearch, parseFleetSummary } from './fleetQuery';
import { FleetService } from './FleetService';
import { DEFAULT_LISTING_BOUNDS } from './listingSource';
import { RepositoryEntityIndex } from './RepositoryEntityIndex';

/** The scheduled tasks that keep the repository → entity index current. */
export const FLEET_INDEX_REBUILD_TASK_ID = 'harbor-fleet-index-rebuild';
export const FLEET_INDEX_REFRESH_TASK_ID = 'harbor-fleet-index-refresh';

export interface FleetRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  fleet: FleetService;
}

/**
 * `GET /fleet/vulnerabilities` and `GET /fleet/summary`: signed-in users and services with the basic permission
 * `harbor.fleet.read`; the entities in the answers are further filtered by what the caller may read.
 */
export function createFleetRouter(options: FleetRouterOptions): express.Router {
  const { httpAuth, permissions, fleet } = options;
  const router = Router();

  const authorized = async (
    req: express.Request,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeBasic(permissions, permission, credentials);
    return credentials;
  };

  router.get('/fleet/vulnerabilities', async (req, res) => {
    const credentials = await authorized(req, harborFleetReadPermission);
    const { instance, query } = parseFleetSearch(req.query);
    res.json(await fleet.search(query, instance, credentials));
  });

  router.get('/fleet/summary', async (req, res) => {
    const credentials = await authorized(req, harborFleetReadPermission);
    const { instance } = parseFleetSummary(req.query);
    res.json(await fleet.summary(instance, credentials));
  });

  return router;
}

/** What {@link createFleet} is built from: the plugin's dependencies. */
export interface FleetDeps {
  auth: AuthService;
  catalog: CatalogService;
  clients: HarborClients;
  logger: LoggerService;
  scheduler: SchedulerService;
  cluster: { client?: ClusterClient; cacheTtlMs: number };
}

/** The fleet service with its index, the index kept current by the scheduler (full rebuild and refresh). */
export async function createFleet(
  deps: FleetDeps,
  cache: HarborCache,
  ttlMs: number,
): Promise<{ fleet: FleetService; index: RepositoryEntityIndex }> {
  const { logger } = deps;
  const index = new RepositoryEntityIndex({
    catalog: deps.catalog,
    auth: deps.auth,
    instances: deps.clients.instances,
    logger,
  });
  await deps.scheduler.scheduleTask({
    id: FLEET_INDEX_REBUILD_TASK_ID,
    frequency: { minutes: 30 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    scope: 'local',
    fn: async () => {
      const { entities } = await index.rebuild();
      logger.debug(
        `Fleet index rebuilt: ${entities} entities name Harbor repositories`,
      );
    },
  });
  await deps.scheduler.scheduleTask({
    id: FLEET_INDEX_REFRESH_TASK_ID,
    frequency: { minutes: 2 },
    timeout: { minutes: 2 },
    initialDelay: { minutes: 2 },
    scope: 'local',
    fn: async () => {
      await index.refresh();
    },
  });
  const fleet = new FleetService({
    clients: deps.clients,
    cache,
    catalog: deps.catalog,
    index,
    logger,
    cluster: deps.cluster.client,
    ttlMs,
    clusterTtlMs: deps.cluster.cacheTtlMs,
    listingBounds: DEFAULT_LISTING_BOUNDS,
  });
  return { fleet, index };
}
