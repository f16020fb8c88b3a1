import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { harborFleetReadPermission } from '@backstage-harbor/plugin-harbor-common';
import { withHarborDeadline } from '@backstage-harbor/plugin-harbor-node';
import type express from 'express';
import Router from 'express-promise-router';
import { authorizeBasic } from '../migration/authorize';
import type { InstanceConnections } from './InstanceConnections';

export interface InstancesRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  connections: InstanceConnections;
}

/**
 * `GET /instances/health`: every configured instance's connection (breaker and credential state, last success),
 * for monitoring. It spans every instance, so it takes the fleet permission rather than an entity's; it calls no
 * Harbor and says nothing a credential could be read from.
 */
export function createInstancesRouter(
  options: InstancesRouterOptions,
): express.Router {
  const { httpAuth, permissions, connections } = options;
  const router = Router();
  router.get('/instances/health', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeBasic(permissions, harborFleetReadPermission, credentials);
    res.json({ instances: await connections.all() });
  });
  return router;
}

/**
 * One deadline per request: every Harbor call a route makes shares `timeoutMs` (the configured request timeout),
 * so a route with two calls in a row still answers within it.
 */
export function harborDeadline(timeoutMs: number): express.RequestHandler {
  return (_req, _res, next) => {
    void withHarborDeadline(timeoutMs, async () => next());
  };
}
