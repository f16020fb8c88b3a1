import { auditOperation } from '../auditLog';
import { addProjectMember, createProjectRecord } from '../builders';
import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  created,
  headerString,
  ok,
  queryBool,
  queryString,
} from '../context';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  precondition,
} from '../errors';
import type { Project, ProjectSummary } from '../harborTypes';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import {
  isSysAdmin,
  projectRoleIds,
  projectVisible,
  requireAuthenticated,
  requireProjectAccess,
  systemPermits,
} from '../rbac';
import { HarborState, ProjectRecord } from '../state';
import { API_BASE, bodyObject, resolveProject } from './common';

const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const BOOLEAN_METADATA = [
  'public',
  'enable_content_trust',
  'enable_content_trust_cosign',
  'prevent_vul',
  'auto_scan',
  'auto_sbom_generation',
  'reuse_sys_cve_allowlist',
  'proxy_cache_local_on_not_found',
];
const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'];
export const KNOWN_METADATA = [
  ...BOOLEAN_METADATA,
  'severity',
  'retention_id',
  'proxy_speed_kb',
  'max_upstream_conn',
  'proxy_referrer_api',
  'proxy_cache_filter_pattern',
  'proxy_cache_filter_kind',
];

/** Project metadata values are strings; booleans must be "true"/"false" (src: handler/project.go). */
export function validateMetadata(
  metadata: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') {
      throw badRequest(`the value of metadata ${key} must be a string`);
    }
    if (
      BOOLEAN_METADATA.includes(key) &&
      value !== 'true' &&
      value !== 'false'
    ) {
      throw badRequest(
        `invalid value of metadata ${key}: ${value}, must be "true" or "false"`,
      );
    }
    if (key === 'severity' && !SEVERITIES.includes(value.toLowerCase())) {
      throw badRequest(`invalid severity ${value}`);
    }
    out[key] = value;
  }
  return out;
}

export function projectView(
  state: HarborState,
  ctx: HarborContext,
  project: ProjectRecord,
): Project {
  const roles = projectRoleIds(state, ctx.principal, project);
  const view: Project = {
    project_id: project.project_id,
    owner_id: project.owner_id,
    owner_name: project.owner_name,
    name: project.name,
    creation_time: project.creation_time,
    update_time: project.update_time,
    deleted: false,
    togglable: isSysAdmin(ctx.principal) || roles.includes(1),
    current_user_role_id: roles.length ? Math.min(...roles) : 0,
    current_user_role_ids: roles,
    repo_count: state.repositoriesOfProject(project.project_id).length,
    metadata: { ...project.metadata },
    cve_allowlist: {
      ...project.cve_allowlist,
      items: [...(project.cve_allowlist.items ?? [])],
    },
  };
  if (project.registry_id !== undefined) view.registry_id = project.registry_id;
  return view;
}

/** Who may create projects: users (only admins in `adminonly` mode) and system robots with project:create. */
function requireProjectCreator(ctx: HarborContext) {
  requireAuthenticated(ctx);
  const p = ctx.principal;
  if (p.kind === 'robot' && p.robot.level === 'project') {
    throw forbidden('Only system level robot can create project');
  }
  if (p.kind === 'robot' && !systemPermits(p, 'project', 'create')) {
    throw forbidden(
      'Only system level robot with project create permission can create project',
    );
  }
  if (
    ctx.core.state.configuration.project_creation_restriction === 'adminonly' &&
    !isSysAdmin(p)
  ) {
    throw forbidden('Only system admin can create project');
  }
}

/** The new project's quota: unlimited when quotas are off, the requested one only for system-level creators. */
function storageLimitOf(
  ctx: HarborContext,
  requested: unknown,
): number | undefined {
  const chosen = typeof requested === 'number' && requested !== 0;
  if (chosen && requested < -1)
    throw badRequest(`invalid storage limit ${requested}`);
  if (!ctx.core.state.configuration.quota_per_project_enable) return -1;
  // Only a caller with system-level project:create may choose the limit (src: handler/project.go).
  return chosen && systemPermits(ctx.principal, 'project', 'create')
    ? requested
    : undefined;
}

export const projectRoutes: HarborRoutes = {
  createProject(ctx) {
    const { state, clock } = ctx.core;
    requireProjectCreator(ctx);
    const p = ctx.principal;
    const body = bodyObject(ctx);
    const name = body.project_name;
    if (
      typeof name !== 'string' ||
      !PROJECT_NAME.test(name) ||
      name.length > 255
    ) {
      throw badRequest(
        'project name is not in lower case or contains illegal characters, it must match ^[a-z0-9]+(?:[._-][a-z0-9]+)*$',
      );
    }
    const metadata = validateMetadata(body.metadata ?? {});
    // retention_id is managed by Harbor; a client-sent one (even "") is not kept (harbor#18118).
    delete metadata.retention_id;
    if (metadata.public === undefined) {
      metadata.public = String(body.public === true);
    }
    if (state.projectByName(name)) {
      throw conflict(`The project named ${name} already exists`);
    }
    if (body.registry_id && !isSysAdmin(p)) {
      throw forbidden('Only system admin can create proxy cache project');
    }
    const storageLimit = storageLimitOf(ctx, body.storage_limit);
    const admin = [...state.users]
      .filter(u => u.sysadmin)
      .sort((a, b) => a.user_id - b.user_id)[0];
    const ownerId = p.kind === 'user' ? p.user.user_id : admin?.user_id;
    const project = createProjectRecord(state, clock, {
      name,
      metadata,
      storageLimit,
      ownerId,
      registryId: body.registry_id ?? undefined,
    });
    if (body.cve_allowlist?.items) {
      project.cve_allowlist.items = body.cve_allowlist.items;
      project.cve_allowlist.expires_at = body.cve_allowlist.expires_at;
    }
    if (p.kind === 'user') {
      addProjectMember(
        state,
        project,
        {
          entity_type: 'u',
          entity_id: p.user.user_id,
          entity_name: p.user.username,
        },
        1,
      );
    }
    const inLocation =
      headerString(ctx, 'X-Resource-Name-In-Location') === 'true'
        ? project.name
        : String(project.project_id);
    auditOperation(ctx, project.project_id, 'project', 'create', project.name);
    return created(`${API_BASE}/projects/${inLocation}`);
  },

  headProject(ctx) {
    requireAuthenticated(ctx);
    const name = queryString(ctx, 'project_name');
    if (!name || !ctx.core.state.projectByName(name)) {
      throw notFound(`project ${name} not found`);
    }
    return { status: 200 };
  },

  listProjects(ctx) {
    const { state } = ctx.core;
    let projects = state.projects.filter(p =>
      projectVisible(state, ctx.principal, p),
    );
    const name = queryString(ctx, 'name');
    if (name) projects = projects.filter(p => p.name.includes(name));
    const isPublic = queryString(ctx, 'public');
    if (isPublic !== undefined && isPublic !== '') {
      projects = projects.filter(
        p => p.metadata.public === String(queryBool(ctx, 'public', false)),
      );
    }
    const owner = queryString(ctx, 'owner');
    if (owner) projects = projects.filter(p => p.owner_name === owner);
    for (const clause of parseQuery(queryString(ctx, 'q'))) {
      projects = projects.filter(p => {
        switch (clause.key) {
          case 'name':
            return matchesClause(clause, p.name);
          case 'public':
            return matchesClause(clause, p.metadata.public);
          case 'project_id':
            return matchesClause(clause, p.project_id);
          case 'owner':
            return matchesClause(clause, p.owner_name);
          default:
            return true;
        }
      });
    }
    const sorted = sortBy(projects, queryString(ctx, 'sort'), 'name');
    return pageResult(ctx, sorted, p => projectView(state, ctx, p));
  },

  getProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'project', 'read');
    return ok(projectView(ctx.core.state, ctx, project));
  },

  updateProject(ctx) {
    const { clock } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'project', 'update');
    const body = bodyObject(ctx);
    // Only metadata and cve_allowlist change here; storage_limit is ignored (harbor#16972), use /quotas.
    if (body.metadata) {
      const metadata = validateMetadata(body.metadata);
      if (
        metadata.retention_id !== undefined &&
        metadata.retention_id !== (project.metadata.retention_id ?? '')
      ) {
        throw badRequest(
          'the retention_id in the request does not match the bound retention policy',
        );
      }
      Object.assign(project.metadata, metadata);
    }
    if (body.cve_allowlist) {
      const pid = body.cve_allowlist.project_id;
      if (pid !== undefined && pid !== 0 && pid !== project.project_id) {
        throw badRequest(
          `project_id in cve_allowlist must be 0 or ${project.project_id}`,
        );
      }
      project.cve_allowlist = {
        ...project.cve_allowlist,
        items: (body.cve_allowlist.items ?? []).map(
          (i: { cve_id: string }) => ({ cve_id: i.cve_id }),
        ),
        expires_at: body.cve_allowlist.expires_at,
        update_time: isoTime(clock.now()),
      };
    }
    project.update_time = isoTime(clock.now());
    return ok();
  },

  deleteProject(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'project', 'delete');
    if (state.repositoriesOfProject(project.project_id).length > 0) {
      throw precondition(
        'the project contains repositories, can not be deleted',
      );
    }
    const id = project.project_id;
    const remove = <T>(list: T[], pred: (t: T) => boolean) => {
      for (let i = list.length - 1; i >= 0; i--)
        if (pred(list[i])) list.splice(i, 1);
    };
    remove(state.projects, p => p.project_id === id);
    remove(state.quotas, q => q.project_id === id);
    remove(state.robots, r => r.project_id === id);
    remove(state.members, m => m.project_id === id);
    remove(state.immutableRules, r => r.project_id === id);
    remove(state.webhookPolicies, w => w.project_id === id);
    remove(state.retentions, r => r.policy.scope?.ref === id);
    state.projectScanners.delete(id);
    auditOperation(ctx, id, 'project', 'delete', project.name);
    return ok();
  },

  getProjectDeletable(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'project', 'delete');
    const repositories = ctx.core.state.repositoriesOfProject(
      project.project_id,
    ).length;
    return ok(
      repositories > 0
        ? {
            deletable: false,
            message: 'the project contains repositories, can not be deleted',
          }
        : { deletable: true, message: '' },
    );
  },

  getProjectSummary(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'project', 'read');
    const members = state.members.filter(
      m => m.project_id === project.project_id,
    );
    const count = (role: number) =>
      members.filter(m => m.role_id === role).length;
    const quota = state.quotaOfProject(project.project_id);
    const summary: ProjectSummary = {
      repo_count: state.repositoriesOfProject(project.project_id).length,
      project_admin_count: count(1),
      maintainer_count: count(4),
      developer_count: count(2),
      guest_count: count(3),
      limited_guest_count: count(5),
    };
    if (quota) {
      summary.quota = {
        hard: { storage: quota.hard },
        used: { storage: state.projectStorageUsed(project.project_id) },
      };
    }
    return ok(summary);
  },

  listProjectMetadatas(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'metadata', 'list');
    return ok({ ...project.metadata });
  },

  addProjectMetadatas(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'metadata', 'create');
    const metadata = validateMetadata(bodyObject(ctx));
    for (const key of Object.keys(metadata)) {
      if (!KNOWN_METADATA.includes(key))
        throw badRequest(`invalid metadata ${key}`);
      if (project.metadata[key] !== undefined) {
        throw conflict(
          `metadata ${key} already exists in project ${project.name}`,
        );
      }
    }
    Object.assign(project.metadata, metadata);
    return ok();
  },

  getProjectMetadata(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'metadata', 'read');
    const name = ctx.params.meta_name;
    if (project.metadata[name] === undefined) {
      throw notFound(`metadata ${name} of project ${project.name} not found`);
    }
    return ok({ [name]: project.metadata[name] });
  },

  updateProjectMetadata(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'metadata', 'update');
    const name = ctx.params.meta_name;
    const metadata = validateMetadata(bodyObject(ctx));
    if (Object.keys(metadata).length !== 1 || metadata[name] === undefined) {
      throw badRequest(`the body must contain exactly the metadata ${name}`);
    }
    if (project.metadata[name] === undefined) {
      throw notFound(`metadata ${name} of project ${project.name} not found`);
    }
    project.metadata[name] = metadata[name];
    return ok();
  },

  deleteProjectMetadata(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'metadata', 'delete');
    const name = ctx.params.meta_name;
    if (project.metadata[name] === undefined) {
      throw notFound(`metadata ${name} of project ${project.name} not found`);
    }
    delete project.metadata[name];
    return ok();
  },
};
