import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AUDIT_LOG_OPERATIONS,
  SEVERITIES,
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
  harborMigrationReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { authorizeBasic, migrationStatusQuery } from '../migration/authorize';
import { MigrationService } from '../migration/MigrationService';
import { AuditLogService } from './AuditLogService';
import { EntityImagesService } from './EntityImagesService';
import { EntityResolver } from './EntityResolver';
import { createEntityRequestResolver, parse } from './requests';
import { ProjectAvailabilityService } from './ProjectAvailabilityService';
import { RegistryHealthService } from './RegistryHealthService';
import { TrendService } from './TrendService';
import { VulnerabilityService } from './VulnerabilityService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
  images: EntityImagesService;
  vulnerabilities: VulnerabilityService;
  health: RegistryHealthService;
  trends: TrendService;
  projectAvailability: ProjectAvailabilityService;
  permissions: PermissionsService;
  migration: MigrationService;
  auditLogs: AuditLogService;
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

/** Shape only: a name breaking Harbor's rule is answered with `valid: false`, not a 400. */
const availabilityParams = z.object({ name: z.string().min(1).max(1024) });
const availabilityQuery = z.object({
  instance: z.string().min(1).max(255).optional(),
});

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
 * Translates HTTP to the Harbor services. Every route names a catalog entity; the services never see a caller's
 * Harbor path. Unauthenticated callers get 401 from `httpAuth`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    resolver,
    images,
    vulnerabilities,
    health,
    trends,
    projectAvailability,
    permissions,
    migration,
    auditLogs,
  } = options;
  const entityOf = createEntityRequestResolver({ httpAuth, resolver });
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name/images', async (req, res) => {
    const entity = await entityOf(req, harborEntityImagesReadPermission);
    // The same body as res.json(await images.getEntityImages(...)), without re-serialising cached artifacts.
    res
      .type('application/json')
      .send(await images.getEntityImagesJson(entity.repositories));
  });

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

  // Who pushed, pulled or deleted what in the entity's repositories: readable with the images.
  router.get(
    '/entities/:namespace/:kind/:name/audit-logs',
    async (req, res) => {
      const query = parse(auditLogQuery, req.query, 'query');
      const entity = await entityOf(req, harborEntityImagesReadPermission);
      res.json(await auditLogs.getPage(entity.repositories, query));
    },
  );

  router.get('/entities/:namespace/:kind/:name/health', async (req, res) => {
    const entity = await entityOf(req, harborEntityHealthReadPermission);
    res.json(await health.getHealth(entity.instance, entity.repositories));
  });

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

  // Whether a Harbor project name is valid and free, for the scaffolder's HarborProjectNamePicker. Any signed-in
  // user or service (the default policy); it tells no more than the failing `harbor:project:ensure` would.
  router.get('/projects/:name/availability', async (req, res) => {
    const { name } = parse(availabilityParams, req.params, 'project name');
    const query = parse(availabilityQuery, req.query, 'query');
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await projectAvailability.check(name, query.instance));
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
