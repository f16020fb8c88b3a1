import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
  InvalidClusterAnnotationError,
  KUBERNETES_ID_ANNOTATION,
  getHarborPlatformNamespace,
  getKubernetesWorkloadSelector,
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import type { PlatformStatusService } from '../cluster/PlatformStatusService';
import type { WorkloadsService } from '../cluster/WorkloadsService';
import type { EntityResolver } from './EntityResolver';
import { createEntityRequestResolver } from './requests';

export interface ClusterRouterOptions {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
  platform: PlatformStatusService;
  workloads: WorkloadsService;
}

/** An annotation's value, or a 400 naming the entity and what to fix. */
function fromAnnotation<T>(entityRef: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidClusterAnnotationError) {
      throw new InputError(`${entityRef}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The cluster views: the Harbor platform's state for the System naming its namespace, and the images an entity's
 * pods run. The entity decides which namespace and pods are read; the caller names only the entity.
 */
export async function createClusterRouter(
  options: ClusterRouterOptions,
): Promise<express.Router> {
  const { httpAuth, resolver, platform, workloads } = options;
  const entityOf = createEntityRequestResolver({ httpAuth, resolver });
  const router = Router();

  router.get('/entities/:namespace/:kind/:name/platform', async (req, res) => {
    const { entity, entityRef } = await entityOf(
      req,
      harborEntityHealthReadPermission,
    );
    const namespace = fromAnnotation(entityRef, () =>
      getHarborPlatformNamespace(entity as Entity),
    );
    if (!namespace) {
      throw new NotFoundError(
        `${entityRef} has no ${HARBOR_PLATFORM_NAMESPACE_ANNOTATION} annotation naming the Harbor platform's namespace`,
      );
    }
    res.json(await platform.getStatus(namespace));
  });

  router.get('/entities/:namespace/:kind/:name/workloads', async (req, res) => {
    const { entity, entityRef } = await entityOf(
      req,
      harborEntityImagesReadPermission,
    );
    const selector = fromAnnotation(entityRef, () =>
      getKubernetesWorkloadSelector(entity),
    );
    if (!selector) {
      throw new NotFoundError(
        `${entityRef} has no ${KUBERNETES_ID_ANNOTATION} annotation selecting its pods`,
      );
    }
    res.json(await workloads.getWorkloads(selector));
  });

  return router;
}
