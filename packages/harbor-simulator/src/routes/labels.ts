import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  created,
  ok,
  queryInt,
  queryString,
} from '../context';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  unauthorized,
} from '../errors';
import type { Label } from '../harborTypes';
import { paginate } from '../pagination';
import { QueryClause, matchesClause, parseQuery, sortBy } from '../query';
import { isSysAdmin, requireProjectAccess, requireSystemAccess } from '../rbac';
import { API_BASE, bodyObject, pathId } from './common';

/** The columns of `harbor_label` a `q` clause may name, by Go field name and by column (src/lib/orm/metadata.go). */
const FILTERABLE: Record<string, keyof Label> = {
  ID: 'id',
  id: 'id',
  Name: 'name',
  name: 'name',
  Description: 'description',
  description: 'description',
  Color: 'color',
  color: 'color',
  Scope: 'scope',
  scope: 'scope',
  ProjectID: 'project_id',
  project_id: 'project_id',
  CreationTime: 'creation_time',
  creation_time: 'creation_time',
  UpdateTime: 'update_time',
  update_time: 'update_time',
};

/**
 * A label's own checks (src/pkg/label/model/model.go `Valid`): a name of 1 to 128 bytes, scope `g` or `p`, and
 * a project for `p`. Harbor runs them on update only; on create it stores what the database takes (an empty
 * name, a project label of project 0) and answers 500 for a name over its varchar(128). The simulator refuses
 * all of them on create too, so that no client comes to rely on either.
 */
function validate(label: Label): void {
  const bytes = Buffer.byteLength(label.name ?? '', 'utf8');
  if (bytes === 0) throw badRequest('cannot be empty');
  if (bytes > 128) throw badRequest('max length is 128');
  if (label.scope !== 'g' && label.scope !== 'p') {
    throw badRequest(`invalid: ${label.scope}`);
  }
  if (label.scope === 'p' && !((label.project_id ?? 0) > 0)) {
    throw badRequest(`invalid: ${label.project_id ?? 0}`);
  }
}

/**
 * Project `label` permissions for a project label, system ones for a global label (src/server/v2.0/handler/
 * label.go `requireAccess`). Harbor checks a project id it cannot find against the caller's roles, which only a
 * sysadmin passes (`HasProjectPermission`).
 */
function requireAccess(
  ctx: HarborContext,
  scope: unknown,
  projectId: number,
  action: string,
): void {
  if (scope === 'g') {
    requireSystemAccess(ctx, 'label', action);
    return;
  }
  if (scope !== 'p') throw badRequest('unsupported label scope');
  const project = ctx.core.state.projectById(projectId);
  if (project) {
    requireProjectAccess(ctx, project, 'label', action);
    return;
  }
  if (isSysAdmin(ctx.principal)) return;
  throw ctx.principal.kind === 'anonymous' ? unauthorized() : forbidden();
}

/** The label of the path, or Harbor's 404 (`label %d not found`). */
function labelInPath(ctx: HarborContext): Label {
  const id = pathId(ctx, 'label_id');
  const label = ctx.core.state.labels.find(l => l.id === id);
  if (!label) throw notFound(`label ${id} not found`);
  return label;
}

/** The database's `unique_label (name, scope, project_id)`, answered as the DAO's 409. */
function requireUniqueName(ctx: HarborContext, label: Label, self?: Label) {
  const taken = ctx.core.state.labels.some(
    l =>
      l !== self &&
      l.name === label.name &&
      l.scope === label.scope &&
      (l.project_id ?? 0) === (label.project_id ?? 0),
  );
  if (taken) throw conflict(`label ${label.name} already exists`);
}

/**
 * The keywords of ListLabels: the `q` clauses on label columns (others are skipped, as the ORM skips them), then
 * the handler's own `Scope`, `ProjectID` and fuzzy `name`, which replace a `q` clause of the same key.
 */
function listClauses(ctx: HarborContext, scope: string, projectId?: number) {
  const clauses = new Map<string, QueryClause>();
  for (const c of parseQuery(queryString(ctx, 'q'))) {
    if (FILTERABLE[c.key]) clauses.set(c.key, c);
  }
  clauses.set('Scope', { key: 'Scope', kind: 'exact', value: scope });
  if (projectId !== undefined) {
    clauses.set('ProjectID', {
      key: 'ProjectID',
      kind: 'exact',
      value: String(projectId),
    });
  }
  const name = queryString(ctx, 'name');
  if (name) clauses.set('name', { key: 'name', kind: 'fuzzy', value: name });
  return [...clauses.values()];
}

export const labelRoutes: HarborRoutes = {
  /** src/server/v2.0/handler/label.go `ListLabels`: global labels for anyone, project labels with project `label:list`. */
  ListLabels(ctx) {
    const scope = queryString(ctx, 'scope') ?? '';
    if (scope !== 'g' && scope !== 'p') {
      throw badRequest(`invalid scope: ${scope}`);
    }
    let projectId: number | undefined;
    if (scope === 'p') {
      projectId = queryInt(ctx, 'project_id') ?? 0;
      if (projectId === 0) {
        throw badRequest('must with project ID when to query project labels');
      }
      requireAccess(ctx, 'p', projectId, 'list');
    }
    const clauses = listClauses(ctx, scope, projectId);
    const labels = ctx.core.state.labels.filter(label =>
      clauses.every(c => matchesClause(c, label[FILTERABLE[c.key]])),
    );
    const page = paginate(ctx, sortBy(labels, queryString(ctx, 'sort'), 'id'));
    return { status: 200, body: page.items, headers: page.headers };
  },

  /** `CreateLabel`: a global label drops its project; 201 with the Location of the new label. */
  CreateLabel(ctx) {
    const { state, clock } = ctx.core;
    const body = bodyObject(ctx);
    const now = isoTime(clock.now());
    const label: Label = {
      name: body.name ?? '',
      description: body.description ?? '',
      color: body.color ?? '',
      scope: body.scope ?? '',
      project_id: body.scope === 'g' ? 0 : body.project_id ?? 0,
      creation_time: now,
      update_time: now,
    };
    requireAccess(ctx, label.scope, label.project_id!, 'create');
    validate(label);
    requireUniqueName(ctx, label);
    label.id = state.ids.label.next();
    state.labels.push(label);
    return created(`${API_BASE}/labels/${label.id}`);
  },

  GetLabelByID(ctx) {
    const label = labelInPath(ctx);
    requireAccess(ctx, label.scope, label.project_id ?? 0, 'read');
    return ok(label);
  },

  /** `UpdateLabel`: only name, description and color change; scope and project stay. */
  UpdateLabel(ctx) {
    const label = labelInPath(ctx);
    requireAccess(ctx, label.scope, label.project_id ?? 0, 'update');
    const body = bodyObject(ctx);
    const changed: Label = {
      ...label,
      name: body.name ?? '',
      description: body.description ?? '',
      color: body.color ?? '',
    };
    validate(changed);
    requireUniqueName(ctx, changed, label);
    Object.assign(label, changed, {
      update_time: isoTime(ctx.core.clock.now()),
    });
    return ok();
  },

  /** `DeleteLabel`: the label leaves every artifact it was added to (`RemoveFromAllArtifacts`). */
  DeleteLabel(ctx) {
    const { state } = ctx.core;
    const label = labelInPath(ctx);
    requireAccess(ctx, label.scope, label.project_id ?? 0, 'delete');
    for (const artifact of state.artifacts) {
      artifact.labels = artifact.labels.filter(id => id !== label.id);
    }
    state.labels.splice(state.labels.indexOf(label), 1);
    return ok();
  },
};
