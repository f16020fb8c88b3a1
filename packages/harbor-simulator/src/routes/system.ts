import { isoTime } from '../clock';
import { HarborRoutes, ok, queryString } from '../context';
import { notFound, precondition, unauthorized } from '../errors';
import { sortExecutions } from '../executions';
import type {
  GeneralInfo,
  OverallHealthStatus,
  Search,
  Statistic,
  UserResp,
} from '../harborTypes';
import { pageResult } from '../pagination';
import {
  isSysAdmin,
  projectVisible,
  requireAuthenticated,
  requireSystemAccess,
} from '../rbac';
import { GcRecord } from '../state';
import { pathId } from './common';
import { projectView } from './projects';

export const HEALTH_COMPONENTS = [
  'core',
  'database',
  'jobservice',
  'portal',
  'redis',
  'registry',
  'registryctl',
  'trivy',
];

function gcView(gc: GcRecord) {
  return {
    id: gc.id,
    job_name: 'GARBAGE_COLLECTION',
    job_kind: gc.job_kind,
    job_parameters: gc.job_parameters,
    schedule: { type: gc.schedule_type },
    job_status: gc.job_status,
    deleted: false,
    creation_time: gc.creation_time,
    update_time: gc.update_time,
  };
}

export const systemRoutes: HarborRoutes = {
  getHealth(ctx) {
    // Always 200, whatever the components say (harbor#16406): clients must read the body.
    const unhealthy = ctx.core.state.unhealthyComponents;
    const components = HEALTH_COMPONENTS.map(name =>
      unhealthy.has(name)
        ? { name, status: 'unhealthy', error: unhealthy.get(name) }
        : { name, status: 'healthy' },
    );
    const body: OverallHealthStatus = {
      status: unhealthy.size > 0 ? 'unhealthy' : 'healthy',
      components,
    };
    return ok(body);
  },

  getPing() {
    return { status: 200, text: 'Pong' };
  },

  getSystemInfo(ctx) {
    const { state, clock, harborVersion } = ctx.core;
    const info: GeneralInfo = {
      auth_mode: 'db_auth',
      primary_auth_mode: false,
      self_registration: false,
      banner_message: '',
    };
    if (ctx.principal.kind !== 'anonymous') {
      const external = ctx.core.externalUrl();
      Object.assign(info, {
        harbor_version: harborVersion,
        external_url: external,
        registry_url: external.replace(/^https?:\/\//, ''),
        read_only: state.configuration.read_only,
        has_ca_root: false,
        project_creation_restriction:
          state.configuration.project_creation_restriction,
        registry_storage_provider_name: 'filesystem',
        notification_enable: state.configuration.notification_enable,
        current_time: isoTime(clock.now()),
      } satisfies GeneralInfo);
    }
    return ok(info);
  },

  getStatistic(ctx) {
    requireAuthenticated(ctx);
    const { state } = ctx.core;
    const visible = state.projects.filter(p =>
      projectVisible(state, ctx.principal, p),
    );
    const isPublic = (id: number) =>
      state.projectById(id)?.metadata.public === 'true';
    const visibleIds = new Set(visible.map(p => p.project_id));
    const stats: Statistic = {
      private_project_count: visible.filter(p => p.metadata.public !== 'true')
        .length,
      private_repo_count: state.repositories.filter(
        r => visibleIds.has(r.project_id) && !isPublic(r.project_id),
      ).length,
      public_project_count: state.projects.filter(
        p => p.metadata.public === 'true',
      ).length,
      public_repo_count: state.repositories.filter(r => isPublic(r.project_id))
        .length,
    };
    // Totals only for sysadmins; a robot is never one (src: controller/statistic).
    if (isSysAdmin(ctx.principal)) {
      stats.total_project_count = state.projects.length;
      stats.total_repo_count = state.repositories.length;
      stats.total_storage_consumption = state.artifacts.reduce(
        (sum, a) => sum + a.size,
        0,
      );
    }
    return ok(stats);
  },

  search(ctx) {
    const { state } = ctx.core;
    const q = queryString(ctx, 'q') ?? '';
    const visible = state.projects.filter(p =>
      projectVisible(state, ctx.principal, p),
    );
    const body: Search = {
      project: visible
        .filter(p => p.name.includes(q))
        .map(p => projectView(state, ctx, p)),
      repository: state.repositories
        .filter(r => r.name.includes(q))
        .flatMap(r => {
          const project = visible.find(p => p.project_id === r.project_id);
          if (!project) return [];
          return [
            {
              project_id: project.project_id,
              project_name: project.name,
              project_public: project.metadata.public === 'true',
              repository_name: r.name,
              pull_count: r.pull_count,
              artifact_count: state.artifactsOfRepository(r.id).length,
            },
          ];
        }),
    };
    return ok(body);
  },

  getCurrentUserInfo(ctx) {
    const p = ctx.principal;
    if (p.kind === 'anonymous') throw unauthorized();
    // A robot is not a user: Harbor's handler (user.go GetCurrentUserInfo) answers 412 for any security
    // context but the local one, naming it.
    if (p.kind === 'robot')
      throw precondition(
        'get current user not available for security context: robot',
      );
    const u = p.user;
    const body: UserResp = {
      user_id: u.user_id,
      username: u.username,
      email: u.email,
      realname: u.realname,
      comment: '',
      sysadmin_flag: u.sysadmin,
      admin_role_in_auth: false,
      creation_time: u.creation_time,
      update_time: u.creation_time,
    };
    return ok(body);
  },

  getGCHistory(ctx) {
    requireSystemAccess(ctx, 'garbage-collection', 'list');
    // A GC run is an execution: the spec's creation_time is its start_time, so `sort=creation_time` names no
    // column and Harbor drops it (controller/gc ListGCs, lib/orm setSorts).
    const history = sortExecutions(
      ctx.core.state.gcHistory,
      queryString(ctx, 'sort'),
      gc => ({
        id: gc.id,
        status: gc.job_status,
        trigger: gc.job_kind,
        start_time: Date.parse(gc.creation_time),
        update_time: Date.parse(gc.update_time),
        // The seeded runs have all ended, at their last update.
        end_time: Date.parse(gc.update_time),
      }),
    );
    return pageResult(ctx, history, gcView);
  },

  getGC(ctx) {
    requireSystemAccess(ctx, 'garbage-collection', 'read');
    const id = pathId(ctx, 'gc_id');
    const gc = ctx.core.state.gcHistory.find(g => g.id === id);
    if (!gc) throw notFound(`gc ${id} not found`);
    return ok(gcView(gc));
  },

  getSystemCVEAllowlist(ctx) {
    requireAuthenticated(ctx);
    return ok({ id: 0, project_id: 0, items: [] });
  },
};
