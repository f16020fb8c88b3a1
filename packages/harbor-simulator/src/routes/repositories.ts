import { doublestarMatch } from '@backstage-harbor/plugin-harbor-node';
import { auditOperation } from '../auditLog';
import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  ok,
  principalName,
  queryString,
} from '../context';
import { isBadPattern, precondition } from '../errors';
import type { Repository } from '../harborTypes';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import { projectVisible, requireProjectAccess } from '../rbac';
import { ArtifactRecord, HarborState, RepositoryRecord } from '../state';
import { bodyObject, resolveProject, resolveRepository } from './common';

export function repositoryView(
  state: HarborState,
  repository: RepositoryRecord,
): Repository {
  return {
    id: repository.id,
    project_id: repository.project_id,
    name: repository.name,
    description: repository.description,
    artifact_count: state.artifactsOfRepository(repository.id).length,
    pull_count: repository.pull_count,
    creation_time: repository.creation_time,
    update_time: repository.update_time,
  };
}

function filterRepositories(
  ctx: HarborContext,
  repositories: RepositoryRecord[],
) {
  let out = repositories;
  for (const clause of parseQuery(queryString(ctx, 'q'))) {
    if (clause.key === 'name')
      out = out.filter(r => matchesClause(clause, r.name));
  }
  return sortBy(out, queryString(ctx, 'sort'), 'name');
}

/**
 * Whether a doublestar selector keeps a value (src: lib/selector/selectors/doublestar): `matches`/`repoMatches`
 * keep what the pattern matches, `excludes`/`repoExcludes` the rest, any other decoration keeps nothing.
 */
function selectorKeeps(
  selector: { decoration?: string; pattern?: string },
  value: string,
): boolean {
  const matched = doublestarMatch(selector.pattern ?? '', value);
  switch (selector.decoration) {
    case 'matches':
    case 'repoMatches':
      return matched;
    case 'excludes':
    case 'repoExcludes':
      return !matched;
    default:
      return false;
  }
}

/**
 * Whether a tag is protected by one of the project's enabled immutability rules. As Harbor's rule matcher
 * (src: pkg/immutable/match/rule/match.go), only a rule's first repository selector and first tag selector
 * count, and a rule without either protects nothing. Rules are read in order until one matches; a malformed
 * pattern reached before that makes the matcher fail, which Harbor's tag controller (populateImmutableStatus)
 * only logs: the tag is then not immutable, so it shows `immutable: false` and can be deleted.
 */
export function isTagImmutable(
  state: HarborState,
  artifact: ArtifactRecord,
  repositoryName: string,
  tag: string,
): boolean {
  const shortName = repositoryName.slice(repositoryName.indexOf('/') + 1);
  try {
    return state.immutableRules.some(({ project_id, rule }) => {
      if (project_id !== artifact.project_id || rule.disabled) return false;
      const repositorySelector = rule.scope_selectors?.repository?.[0];
      const tagSelector = rule.tag_selectors?.[0];
      return (
        repositorySelector !== undefined &&
        tagSelector !== undefined &&
        selectorKeeps(repositorySelector, shortName) &&
        selectorKeeps(tagSelector, tag)
      );
    });
  } catch (error) {
    if (isBadPattern(error)) return false;
    throw error;
  }
}

export const repositoryRoutes: HarborRoutes = {
  listRepositories(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'repository', 'list');
    const repositories = filterRepositories(
      ctx,
      state.repositoriesOfProject(project.project_id),
    );
    return pageResult(ctx, repositories, r => repositoryView(state, r));
  },

  listAllRepositories(ctx) {
    const { state } = ctx.core;
    const visible = new Set(
      state.projects
        .filter(p => projectVisible(state, ctx.principal, p))
        .map(p => p.project_id),
    );
    const repositories = filterRepositories(
      ctx,
      state.repositories.filter(r => visible.has(r.project_id)),
    );
    return pageResult(ctx, repositories, r => repositoryView(state, r));
  },

  getRepository(ctx) {
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'repository', 'read');
    return ok(repositoryView(ctx.core.state, repository));
  },

  updateRepository(ctx) {
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'repository', 'update');
    const body = bodyObject(ctx);
    if (typeof body.description === 'string')
      repository.description = body.description;
    repository.update_time = isoTime(ctx.core.clock.now());
    return ok();
  },

  deleteRepository(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'repository', 'delete');
    const artifacts = state.artifactsOfRepository(repository.id);
    for (const a of artifacts) {
      const locked = a.tags.find(t =>
        isTagImmutable(state, a, repository.name, t.name),
      );
      if (locked) {
        throw precondition(
          `the repository ${repository.name} contains the immutable tag ${locked.name}, can not be deleted`,
        );
      }
    }
    ctx.core.webhooks?.repositoryDeleted(
      artifacts,
      principalName(ctx.principal),
    );
    for (let i = state.artifacts.length - 1; i >= 0; i--) {
      if (state.artifacts[i].repository_id === repository.id)
        state.artifacts.splice(i, 1);
    }
    state.repositories.splice(state.repositories.indexOf(repository), 1);
    auditOperation(
      ctx,
      project.project_id,
      'repository',
      'delete',
      repository.name,
    );
    return ok();
  },
};
