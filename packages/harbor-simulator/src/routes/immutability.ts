import { addImmutableRule } from '../builders';
import { HarborRoutes, ok } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import type { ImmutableRule } from '../harborTypes';
import { paginate } from '../pagination';
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

export const immutabilityRoutes: HarborRoutes = {
  ListImmuRules(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'list');
    const rules = ctx.core.state.immutableRules.filter(
      r => r.project_id === project.project_id,
    );
    const page = paginate(ctx, rules);
    return {
      status: 200,
      body: page.items.map(r => ({ ...r.rule, id: r.id })),
      headers: page.headers,
    };
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
    return {
      status: 201,
      headers: {
        Location: `${API_BASE}/projects/${ctx.params.project_name_or_id}/immutabletagrules/${id}`,
      },
    };
  },

  UpdateImmuRule(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'immutable-tag', 'update');
    const id = pathId(ctx, 'immutable_rule_id');
    const existing = state.immutableRules.find(
      r => r.id === id && r.project_id === project.project_id,
    );
    if (!existing) throw notFound(`immutable rule ${id} not found`);
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
    const id = pathId(ctx, 'immutable_rule_id');
    const index = state.immutableRules.findIndex(
      r => r.id === id && r.project_id === project.project_id,
    );
    if (index < 0) throw notFound(`immutable rule ${id} not found`);
    state.immutableRules.splice(index, 1);
    return ok();
  },
};
