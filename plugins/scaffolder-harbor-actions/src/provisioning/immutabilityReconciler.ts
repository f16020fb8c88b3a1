import type {
  HarborClient,
  HarborImmutableRule,
} from '@backstage-harbor/plugin-harbor-node';
import { Plan } from './plan';
import { readProjectResource } from './projects';

export interface ImmutabilityRuleRequest {
  /** Doublestar pattern of the repositories. */
  repositories: string;
  /** Doublestar pattern of the tags that cannot be overwritten or deleted. */
  tags: string;
}

function toHarborRule(rule: ImmutabilityRuleRequest): HarborImmutableRule {
  // action and template are not enumerated in the spec; these are the portal's (harbor-api.md §5).
  return {
    disabled: false,
    action: 'immutable',
    template: 'immutable_template',
    priority: 0,
    params: {},
    tag_selectors: [
      { kind: 'doublestar', decoration: 'matches', pattern: rule.tags },
    ],
    scope_selectors: {
      repository: [
        {
          kind: 'doublestar',
          decoration: 'repoMatches',
          pattern: rule.repositories,
        },
      ],
    },
  };
}

function matches(
  existing: HarborImmutableRule,
  rule: ImmutabilityRuleRequest,
): boolean {
  const tags = existing.tag_selectors ?? [];
  const repos =
    (
      existing.scope_selectors as
        | Record<string, Array<{ decoration?: string; pattern?: string }>>
        | undefined
    )?.repository ?? [];
  return (
    tags.length === 1 &&
    tags[0].decoration === 'matches' &&
    tags[0].pattern === rule.tags &&
    repos.length === 1 &&
    repos[0].decoration === 'repoMatches' &&
    repos[0].pattern === rule.repositories
  );
}

/**
 * Tag immutability rules, found by listing and matching their selectors (Harbor has no GET by id, §15). Rules
 * that exist but are not requested are left alone; a requested rule disabled in the UI is enabled again.
 */
export class ImmutabilityReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
  ) {}

  async reconcile(
    project: string,
    rules: ImmutabilityRuleRequest[],
  ): Promise<{ ruleIds: number[] }> {
    const existing =
      (await readProjectResource(this.client, project, this.plan.dryRun, () =>
        this.client.immutability.list(project),
      )) ?? [];
    const ruleIds: number[] = [];
    for (const rule of rules) {
      const resource = `immutability rule (tags ${rule.tags} in repositories ${rule.repositories}) of project ${project}`;
      const found = existing.find(e => matches(e, rule));
      if (!found) {
        if (
          this.plan.change(
            resource,
            'create',
            'tags matching it can no longer be overwritten or deleted',
          )
        ) {
          ruleIds.push(
            await this.client.immutability.create(project, toHarborRule(rule)),
          );
        }
        continue;
      }
      ruleIds.push(found.id!);
      if (!found.disabled) {
        this.plan.inPlace(resource, 'enabled');
        continue;
      }
      this.plan.drift(resource, 'disabled in Harbor');
      if (this.plan.change(resource, 'update', 'enable it again')) {
        await this.client.immutability.update(project, found.id!, {
          ...found,
          disabled: false,
        });
      }
    }
    return { ruleIds };
  }
}
