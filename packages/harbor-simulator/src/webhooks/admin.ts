import express from 'express';
import type { HarborClock } from '../clock';
import { HarborContext, HarborPrincipal, SimulatorCore } from '../context';
import { badRequest, forbidden, HarborError, notFound } from '../errors';
import { handleOutsideApi } from '../pipeline/send';
import { isSysAdmin } from '../rbac';
import { artifactRoutes } from '../routes/artifacts';
import type { HarborState } from '../state';
import type { HarborWebhooks } from './events';

interface WebhookAdminContext {
  state: HarborState;
  clock: HarborClock;
  webhooks: HarborWebhooks;
  core: SimulatorCore;
}

function requireSysAdmin(principal: HarborPrincipal) {
  if (principal.kind === 'anonymous') {
    throw new HarborError(401, 'UNAUTHORIZED', 'unauthorized');
  }
  if (!isSysAdmin(principal)) throw forbidden();
}

/**
 * `POST /_simulator/scan` `{project, repository, reference, fail?}`: requests a vulnerability scan as
 * `POST /projects/{p}/repositories/{r}/artifacts/{ref}/scan` does (same permission, same 409 while one runs);
 * with `fail: true` the scan ends in `Error`. It progresses with the simulator's clock and fires
 * SCANNING_COMPLETED (or SCANNING_FAILED) when it ends.
 */
export function simulateScan(
  core: SimulatorCore,
  principal: HarborPrincipal,
  body: any,
): { project: string; repository: string; reference: string; digest: string } {
  for (const key of ['project', 'repository', 'reference']) {
    if (typeof body?.[key] !== 'string' || body[key] === '')
      throw badRequest(`${key} is required`);
  }
  const params = {
    project_name: body.project,
    repository_name: encodeURIComponent(body.repository),
    reference: body.reference,
  };
  const ctx: HarborContext = {
    core,
    operationId: 'ScanArtifact',
    method: 'POST',
    rawPath: '/_simulator/scan',
    rawQuery: '',
    params,
    query: {},
    headers: {},
    body: { scan_type: 'vulnerability' },
    principal,
  };
  artifactRoutes.scanArtifact(ctx);
  const repository = core.state.repositoryByName(
    `${body.project}/${body.repository}`,
  );
  const artifact = core.state
    .artifactsOfRepository(repository!.id)
    .find(
      a =>
        a.digest === body.reference ||
        a.tags.some(t => t.name === body.reference),
    );
  if (!artifact) throw notFound(`artifact ${body.reference} not found`);
  if (body.fail === true) artifact.scans[0].fails = true;
  return {
    project: body.project,
    repository: body.repository,
    reference: body.reference,
    digest: artifact.digest,
  };
}

/**
 * The webhook part of the admin API (system administrators only) and the scan stand-in:
 *
 * - `GET /_simulator/webhooks/deliveries[?event_type=…][&policy_id=…]`: `{ deliveries: HarborWebhookDelivery[] }`.
 * - `DELETE /_simulator/webhooks/deliveries`: forgets them.
 * - `POST /_simulator/scan`: see {@link simulateScan}.
 */
export function webhookAdminRouter(ctx: WebhookAdminContext): express.Router {
  const router = express.Router();
  router.get('/_simulator/webhooks/deliveries', (req, res) =>
    handleOutsideApi(req, res, ctx, 200, principal => {
      requireSysAdmin(principal);
      const type = req.query.event_type;
      const policy = req.query.policy_id;
      return {
        deliveries: ctx.webhooks.deliveries.filter(
          d =>
            (type === undefined || d.eventType === type) &&
            (policy === undefined || String(d.policyId) === policy),
        ),
      };
    }),
  );
  router.delete('/_simulator/webhooks/deliveries', (req, res) =>
    handleOutsideApi(req, res, ctx, 204, principal => {
      requireSysAdmin(principal);
      ctx.webhooks.clear();
    }),
  );
  router.post('/_simulator/scan', (req, res) =>
    handleOutsideApi(req, res, ctx, 202, (principal, body) =>
      simulateScan(ctx.core, principal, body),
    ),
  );
  return router;
}
