import express from 'express';
import Router from 'express-promise-router';
import {
  createEntityHistoryRouter,
  type EntityHistoryRouterOptions,
} from './entityHistoryRouter';
import {
  createEntityImagesRouter,
  type EntityImagesRouterOptions,
} from './entityImagesRouter';
import {
  createRegistryRouter,
  type RegistryRouterOptions,
} from './registryRouter';

export type RouterOptions = EntityImagesRouterOptions &
  EntityHistoryRouterOptions &
  RegistryRouterOptions;

/**
 * Translates HTTP to the Harbor services, one router per group of routes. Every `/entities/...` route names a
 * catalog entity; the services never see a caller's Harbor path. Unauthenticated callers get 401 from `httpAuth`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.use(createEntityImagesRouter(options));
  router.use(createEntityHistoryRouter(options));
  router.use(createRegistryRouter(options));
  return router;
}
