import { isoTime } from '../clock';
import { HarborContext, HarborRoutes, ok, queryString } from '../context';
import { badRequest } from '../errors';
import type { Quota } from '../harborTypes';
import { pageResult } from '../pagination';
import { sortBy } from '../query';
import { requireSystemAccess } from '../rbac';
import { QuotaRecord } from '../state';
import { bodyObject, recordInPath } from './common';

function quotaView(ctx: HarborContext, quota: QuotaRecord): Quota {
  const { state } = ctx.core;
  const project = state.projectById(quota.project_id);
  return {
    id: quota.id,
    ref: {
      id: quota.project_id,
      name: project?.name,
      owner_name: project?.owner_name,
    },
    hard: { storage: quota.hard },
    used: { storage: state.projectStorageUsed(quota.project_id) },
    creation_time: quota.creation_time,
    update_time: quota.update_time,
  };
}

function findQuota(ctx: HarborContext): QuotaRecord {
  return recordInPath(ctx, 'id', ctx.core.state.quotas, 'quota');
}

/** Quotas need system-level `quota` access (src: handler/quota.go); the project summary is the project-scoped view. */
export const quotaRoutes: HarborRoutes = {
  listQuotas(ctx) {
    requireSystemAccess(ctx, 'quota', 'list');
    let quotas = [...ctx.core.state.quotas];
    const reference = queryString(ctx, 'reference');
    if (reference && reference !== 'project') quotas = [];
    const referenceId = queryString(ctx, 'reference_id');
    if (referenceId)
      quotas = quotas.filter(q => String(q.project_id) === referenceId);
    const views = quotas.map(q => quotaView(ctx, q));
    const sorted = sortBy(views, queryString(ctx, 'sort'), 'id');
    return pageResult(ctx, sorted);
  },

  getQuota(ctx) {
    requireSystemAccess(ctx, 'quota', 'read');
    return ok(quotaView(ctx, findQuota(ctx)));
  },

  updateQuota(ctx) {
    requireSystemAccess(ctx, 'quota', 'update');
    const quota = findQuota(ctx);
    const body = bodyObject(ctx);
    if (!body.hard || typeof body.hard !== 'object')
      throw badRequest('hard required in body');
    const storage = body.hard.storage;
    if (
      typeof storage !== 'number' ||
      !Number.isInteger(storage) ||
      storage < -1 ||
      storage === 0
    ) {
      throw badRequest(
        'quota validation failed: storage must be -1 (unlimited) or a positive number of bytes',
      );
    }
    quota.hard = storage;
    quota.update_time = isoTime(ctx.core.clock.now());
    return ok();
  },
};
