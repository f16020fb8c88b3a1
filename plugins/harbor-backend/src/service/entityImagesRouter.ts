import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  SEVERITIES,
  harborEntityImagesReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import type express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EntityImagesService } from './EntityImagesService';
import type { EntityResolver } from './EntityResolver';
import { createEntityRequestResolver, parse } from './requests';
import type { VulnerabilityService } from './VulnerabilityService';
import type { VulnerabilitySummaryService } from './VulnerabilitySummaryService';

export interface EntityImagesRouterOptions {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
  images: EntityImagesService;
  vulnerabilities: VulnerabilityService;
  summaries: VulnerabilitySummaryService;
}

const severityList = z
  .string()
  .transform(s =>
    s
      .split(',')
      .map(v => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(SEVERITIES)));

const vulnerabilityQuery = z.object({
  repository: z.string().min(3).max(1024),
  instance: z.string().min(1).max(255).optional(),
  digest: z
    .string()
    .regex(
      /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,128}$/,
      'must be an artifact digest such as sha256:<64 hex digits>',
    ),
  severity: severityList.optional(),
  fixable: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** An entity's images, their summary and one artifact's vulnerabilities: all read with the images permission. */
export function createEntityImagesRouter(
  options: EntityImagesRouterOptions,
): express.Router {
  const { images, vulnerabilities, summaries } = options;
  const entityOf = createEntityRequestResolver(options);
  const router = Router();

  router.get('/entities/:namespace/:kind/:name/images', async (req, res) => {
    const entity = await entityOf(req, harborEntityImagesReadPermission);
    // The same body as res.json(await images.getEntityImages(...)), without re-serialising cached artifacts.
    res
      .type('application/json')
      .send(await images.getEntityImagesJson(entity.repositories));
  });

  router.get(
    '/entities/:namespace/:kind/:name/vulnerability-summary',
    async (req, res) => {
      const entity = await entityOf(req, harborEntityImagesReadPermission);
      res.json(await summaries.getSummary(entity.repositories));
    },
  );

  router.get(
    '/entities/:namespace/:kind/:name/vulnerabilities',
    async (req, res) => {
      const query = parse(vulnerabilityQuery, req.query, 'query');
      const entity = await entityOf(req, harborEntityImagesReadPermission);
      // Only a repository of the entity: the same answer whether or not Harbor has one by that name.
      const repo = entity.repositories.find(
        r =>
          `${r.project}/${r.repository}` === query.repository &&
          (query.instance === undefined || r.instance.name === query.instance),
      );
      if (!repo) {
        throw new NotFoundError(
          `${entity.entityRef} has no Harbor repository ${query.repository}`,
        );
      }
      res.json(
        await vulnerabilities.getPage(repo, query.digest, {
          severities: query.severity,
          fixable: query.fixable === 'true',
          q: query.q,
          page: query.page,
          pageSize: query.pageSize,
        }),
      );
    },
  );

  return router;
}
