import { InputError } from '@backstage/errors';
import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
} from '@backstage-harbor/plugin-harbor-common';

/**
 * One mapping rule: the repositories of the old registry whose name starts with `prefix` go to Harbor project
 * `project`. The first rule that matches wins; `prefix: ''` matches every repository (a catch-all, last).
 */
/** @public */
export interface MappingRule {
  /** `''` or whole path components ending with `/`, e.g. `team-a/` or `org/team-a/`. */
  prefix: string;
  project: string;
  /**
   * Keep the whole source name inside the project (`team-a/api` → `team-a/team-a/api`) instead of removing the
   * prefix (`team-a/api` → `team-a/api` in project `team-a`, `team-a/x/api` → `team-a/x/api`).
   */
  keepPath?: boolean;
}

/** A repository of the old registry and where it goes. @public */
export interface PlannedRepository {
  /** The name in the old registry, e.g. `team-a/api`. */
  source: string;
  project: string;
  /** The repository path inside the project, e.g. `api`. */
  repository: string;
  /** The Harbor repository name: `<project>/<repository>`. */
  target: string;
  /** Tags in the old registry. */
  tags: number;
  /** The index of the rule that mapped it. */
  rule: number;
}

/** One Harbor project and the repositories that go to it, i.e. one replication policy. @public */
export interface PlannedProject {
  project: string;
  /**
   * Harbor's `dest_namespace_replace_count`: how many leading path components of the source name the project
   * replaces (0 keeps the whole name, n removes an n-component prefix; harbor-api.md §8).
   */
  replaceCount: number;
  /** Source names, sorted. */
  repositories: string[];
  tags: number;
}

/** @public */
export interface MigrationPlan {
  repositories: PlannedRepository[];
  projects: PlannedProject[];
  /** Source repositories no rule matches: they are not migrated. */
  unmapped: string[];
  tagCount: number;
}

/** A mapping prefix: `''` or whole repository path components, each followed by `/`. @public */
export const PREFIX_PATTERN = /^(?:[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\/)*$/;
/** @public */
export const PREFIX_RULE =
  "empty (every repository) or whole repository path components each followed by '/', e.g. 'team-a/'";

function componentsOf(prefix: string): number {
  return prefix === '' ? 0 : prefix.split('/').length - 1;
}

function replaceCountOf(rule: MappingRule): number {
  return rule.keepPath ? 0 : componentsOf(rule.prefix);
}

/**
 * Checks the rules on their own, before anything is read or written: every field against its rule, no rule
 * shadowed by an earlier one, and one way of naming repositories per project (a replication policy has one
 * `dest_namespace_replace_count`). Throws an `InputError` naming `rules[i].field` and the rule.
 * @public
 */
export function validateMappingRules(rules: MappingRule[]): void {
  const problems: string[] = [];
  if (rules.length === 0) problems.push('rules: must list at least one rule');
  rules.forEach((rule, i) => {
    if (typeof rule.prefix !== 'string' || !PREFIX_PATTERN.test(rule.prefix))
      problems.push(`rules[${i}].prefix: must be ${PREFIX_RULE}`);
    if (
      typeof rule.project !== 'string' ||
      !HARBOR_PROJECT_NAME_PATTERN.test(rule.project) ||
      rule.project.length > HARBOR_PROJECT_NAME_MAX
    ) {
      // Checked before anything is read (harbor-api.md §2).
      problems.push(
        `rules[${i}].project: must be a Harbor project name: ${HARBOR_PROJECT_NAME_RULE}, at most ${HARBOR_PROJECT_NAME_MAX} characters`,
      );
    }
    const earlier = rules
      .slice(0, i)
      .findIndex(
        other =>
          typeof other.prefix === 'string' &&
          typeof rule.prefix === 'string' &&
          rule.prefix.startsWith(other.prefix),
      );
    if (earlier >= 0) {
      problems.push(
        `rules[${i}].prefix: '${rule.prefix}' never matches because rules[${earlier}] (prefix '${rules[earlier].prefix}') matches first; put the more specific rule first`,
      );
    }
  });
  const byProject = new Map<string, { count: number; index: number }>();
  rules.forEach((rule, i) => {
    const count = replaceCountOf(rule);
    const seen = byProject.get(rule.project);
    if (seen && seen.count !== count) {
      problems.push(
        `rules[${i}]: names repositories in project ${rule.project} differently from rules[${seen.index}] (one replication policy per project replaces one number of leading path components); use the same prefix depth and keepPath, or another project`,
      );
    } else if (!seen) {
      byProject.set(rule.project, { count, index: i });
    }
  });
  if (problems.length) {
    throw new InputError(`Invalid mapping rules: ${problems.join('; ')}`);
  }
}

/**
 * Maps every repository by the first matching rule. The rules must have passed {@link validateMappingRules}.
 * @public
 */
export function planMigration(
  repositories: Array<{ name: string; tags: string[] | number }>,
  rules: MappingRule[],
): MigrationPlan {
  const planned: PlannedRepository[] = [];
  const unmapped: string[] = [];
  for (const source of repositories) {
    const rule = rules.findIndex(r => source.name.startsWith(r.prefix));
    const tags =
      typeof source.tags === 'number' ? source.tags : source.tags.length;
    if (rule < 0) {
      unmapped.push(source.name);
      continue;
    }
    const { prefix, project, keepPath } = rules[rule];
    const repository = keepPath
      ? source.name
      : source.name.slice(prefix.length);
    planned.push({
      source: source.name,
      project,
      repository,
      target: `${project}/${repository}`,
      tags,
      rule,
    });
  }
  // Two rules with the same project and depth can send two sources to one Harbor repository.
  const byTarget = new Map<string, string>();
  const collisions: string[] = [];
  for (const p of planned) {
    const other = byTarget.get(p.target);
    if (other) collisions.push(`${other} and ${p.source} both → ${p.target}`);
    else byTarget.set(p.target, p.source);
  }
  if (collisions.length) {
    throw new InputError(
      `Invalid mapping rules: two repositories would go to the same Harbor repository: ${collisions.join(
        '; ',
      )}; map them to different projects`,
    );
  }
  const projects = new Map<string, PlannedProject>();
  // In rule order, as the user wrote them.
  for (const p of [...planned].sort((a, b) => a.rule - b.rule)) {
    let entry = projects.get(p.project);
    if (!entry) {
      entry = {
        project: p.project,
        replaceCount: replaceCountOf(rules[p.rule]),
        repositories: [],
        tags: 0,
      };
      projects.set(p.project, entry);
    }
    entry.repositories.push(p.source);
    entry.tags += p.tags;
  }
  for (const entry of projects.values()) entry.repositories.sort();
  return {
    repositories: planned,
    projects: [...projects.values()],
    unmapped,
    tagCount: planned.reduce((sum, p) => sum + p.tags, 0),
  };
}

/**
 * The `name` filter of a project's replication policy: the exact source names, as `{a,b}` alternatives when
 * there are several. Harbor expands such a pattern to specific paths, so pulling from a docker-registry
 * needs no `/v2/_catalog` (harbor-api.md §8), and a catch-all rule does not take the repositories of the rules
 * before it.
 * @public
 */
export function nameFilter(repositories: string[]): string {
  const sorted = [...repositories].sort();
  return sorted.length === 1 ? sorted[0] : `{${sorted.join(',')}}`;
}
