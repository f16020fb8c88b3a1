import { addImmutableRule } from '../builders';
import { HarborContext, HarborRoutes, ok, created } from '../context';
import { ProjectRecord } from '../state';
import { badRequest, conflict, notFound } from '../errors';
import type { ImmutableRule } from '../harborTypes';
import { pageResult } from '../pagination';
import { requireProjectAccess } from '../rbac';
import { API_BASE, bodyObject, pathId, resolveProject } from './common';

/** Two rules are the same when their selectors are (src: immutable rule "already exists"). */
function selectorsKey(rule: ImmutableRule): string {
  return JSON.stringify([
    (rule.tag_selectors ?? []).map(s => [s.kind, s.decoration, s.pattern]),
    Object.entries(rule.scope_selectors ?? {}).map(([k, v]) => [
      k,
      v.map(s => [s.kind, s.decoration, s.pattern]),
    ]),
  ]);
}

function validateRule(body: Record<string, any>): ImmutableRule {
  if (!Array.isArray(body.tag_selectors) || body.tag_selectors.length === 0) {
    throw badRequest('an immutable rule needs tag_selectors');
  }
  return {
    priority: body.priority ?? 0,
    disabled: Boolean(body.disabled),
    action: body.action ?? 'immutable',
    template: body.template ?? 'immutable_template',
    params: body.params ?? {},
    tag_selectors: body.tag_selectors,
    scope_selectors: body.scope_selectors ?? {
      repository: [
        { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
      ],
    },
  };
}

/** The path's rule, in the path's project. */
function findRule(ctx: HarborContext, project: ProjectRecord) {
  const id = pathId(ctx, 'immutable_rule_id');
  const rule = ctx.core.state.immutableRules.find(
    r => r.id === id && r.project_id === project.project_id,
  );
  if (!rule) throw notFound(`immutable rule ${id} not found`);
  return rule;
}

export const immutabilityRoutes: HarborRoutes = {
  ListImmuRules(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'list');
    const rules = ctx.core.state.immutableRules.filter(
      r => r.project_id === project.project_id,
    );
    return pageResult(ctx, rules, r => ({ ...r.rule, id: r.id }));
  },

  CreateImmuRule(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'create');
    const rule = validateRule(bodyObject(ctx));
    const key = selectorsKey(rule);
    if (
      state.immutableRules.some(
        r =>
          r.project_id === project.project_id && selectorsKey(r.rule) === key,
      )
    ) {
      throw conflict('immutable rule already exists');
    }
    const id = addImmutableRule(state, project, rule);
    return created(
      `${API_BASE}/projects/${ctx.params.project_name_or_id}/immutabletagrules/${id}`,
    );
  },

  UpdateImmuRule(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'update');
    const existing = findRule(ctx, project);
    const body = bodyObject(ctx);
    // A body with only `disabled` toggles the rule, as the portal does.
    existing.rule = body.tag_selectors
      ? validateRule(body)
      : { ...existing.rule, disabled: Boolean(body.disabled) };
    return ok();
  },

  DeleteImmuRule(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'delete');
    state.immutableRules.splice(
      state.immutableRules.indexOf(findRule(ctx, project)),
      1,
    );
    return ok();
  },
};
