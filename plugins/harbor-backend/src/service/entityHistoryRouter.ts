import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AUDIT_LOG_OPERATIONS,
  harborEntityImagesReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import type express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { AuditLogService } from './AuditLogService';
import type { EntityResolver } from './EntityResolver';
import { createEntityRequestResolver, parse } from './requests';
import type { TrendService } from './TrendService';

export interface EntityHistoryRouterOptions {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
  trends: TrendService;
  auditLogs: AuditLogService;
}

const auditLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  operation: z.enum(AUDIT_LOG_OPERATIONS).optional(),
});

const DAY_MS = 86_400_000;
const trendQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

/**
 * The history of an entity's images: vulnerability counts over time, and who pushed, pulled or deleted what.
 * Readable with the images.
 */
export function createEntityHistoryRouter(
  options: EntityHistoryRouterOptions,
): express.Router {
  const { trends, auditLogs } = options;
  const entityOf = createEntityRequestResolver(options);
  const router = Router();

  router.get(
    '/entities/:namespace/:kind/:name/audit-logs',
    async (req, res) => {
      const query = parse(auditLogQuery, req.query, 'query');
      const entity = await entityOf(req, harborEntityImagesReadPermission);
      res.json(await auditLogs.getPage(entity.repositories, query));
    },
  );

  router.get('/entities/:namespace/:kind/:name/trend', async (req, res) => {
    const query = parse(trendQuery, req.query, 'query');
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - 90 * DAY_MS);
    if (from > to) {
      throw new InputError('Invalid query: from must not be after to');
    }
    const entity = await entityOf(req, harborEntityImagesReadPermission);
    res.json(await trends.getTrend(entity.repositories, from, to));
  });

  return router;
}
