import {
  type HarborClient,
  type HarborRetentionPolicy,
  type HarborRetentionRule,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import { Plan } from './plan';
import { requireProject } from './projects';

/** What a retention rule keeps, in Harbor's rule templates (harbor-api.md §5). */
export type RetentionKeep =
  | { template: 'latestPushedK'; value: number }
  | { template: 'latestPulledN'; value: number }
  | { template: 'nDaysSinceLastPush'; value: number }
  | { template: 'nDaysSinceLastPull'; value: number }
  | { template: 'always' };

export interface RetentionRuleRequest {
  /** Doublestar pattern of the repositories (without the project prefix). */
  repositories: string;
  /** Doublestar pattern of the tags. */
  tags: string;
  untagged: boolean;
  keep: RetentionKeep;
}

export interface RetentionRequest {
  rules: RetentionRuleRequest[];
  /** Harbor's 6-field cron, or '' for manual runs only. */
  cron: string;
}

const DESCRIBE: Record<RetentionKeep['template'], (n?: number) => string> = {
  latestPushedK: n => `keep the ${n} most recently pushed`,
  latestPulledN: n => `keep the ${n} most recently pulled`,
  nDaysSinceLastPush: n => `keep those pushed within ${n} days`,
  nDaysSinceLastPull: n => `keep those pulled within ${n} days`,
  always: () => 'keep always',
};

export function describeRule(rule: RetentionRuleRequest): string {
  const keep = rule.keep;
  return `${DESCRIBE[keep.template](
    'value' in keep ? keep.value : undefined,
  )} of tags ${rule.tags}${
    rule.untagged ? ' (and untagged)' : ''
  } in repositories ${rule.repositories}`;
}

function toHarborRule(
  rule: RetentionRuleRequest,
  priority: number,
): HarborRetentionRule {
  const { keep } = rule;
  return {
    priority,
    disabled: false,
    action: 'retain',
    template: keep.template,
    params: 'value' in keep ? { [keep.template]: keep.value } : {},
    // `extras` is a JSON string (harbor-api.md §5).
    tag_selectors: [
      {
        kind: 'doublestar',
        decoration: 'matches',
        pattern: rule.tags,
        extras: JSON.stringify({ untagged: rule.untagged }),
      },
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

/** A comparable form of a rule as Harbor holds it. */
function ruleKey(rule: HarborRetentionRule): string {
  const tag = rule.tag_selectors?.[0];
  let untagged: unknown;
  try {
    untagged = tag?.extras ? JSON.parse(tag.extras).untagged : undefined;
  } catch {
    untagged = tag?.extras;
  }
  const repo = (
    rule.scope_selectors as
      | Record<string, Array<{ decoration?: string; pattern?: string }>>
      | undefined
  )?.repository?.[0];
  const params = rule.params ?? {};
  return JSON.stringify([
    rule.template,
    rule.template === 'always' ? null : Number(params[rule.template ?? '']),
    Boolean(rule.disabled),
    rule.tag_selectors?.length ?? 0,
    tag?.decoration,
    tag?.pattern,
    Boolean(untagged),
    repo?.decoration,
    repo?.pattern,
  ]);
}

function policyKey(rules: HarborRetentionRule[], cron: string): string {
  return JSON.stringify([rules.map(ruleKey).sort(), cron]);
}

function cronOf(policy: HarborRetentionPolicy): string {
  const cron = policy.trigger?.settings?.cron;
  return typeof cron === 'string' ? cron : '';
}

/**
 * The tag retention policy of a project. Harbor allows one per project and links it through the project's
 * `metadata.retention_id`: PUT when set, POST otherwise (harbor-api.md §5, §17). The whole policy is the
 * requested one: rules added in the UI are drift and are replaced.
 */
export class RetentionReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
  ) {}

  async reconcile(
    projectName: string,
    request: RetentionRequest,
  ): Promise<{ retentionId?: number }> {
    const resource = `retention policy of project ${projectName}`;
    const project = await requireProject(
      this.client,
      projectName,
      this.plan.dryRun,
    );
    const rules = request.rules.map((r, i) => toHarborRule(r, i + 1));
    const summary = `${request.rules.map(describeRule).join('; ')}; ${
      request.cron ? `runs at cron '${request.cron}'` : 'runs manually only'
    }`;
    const retentionId = Number(project?.metadata?.retention_id) || undefined;

    let existing: HarborRetentionPolicy | undefined;
    let stale = false;
    if (retentionId) {
      try {
        existing = await this.client.retention.get(retentionId);
      } catch (error) {
        if (!isHarborNotFound(error)) throw error;
        // A deleted policy leaves its id behind on Harbor before 2.14 (harbor#19961, #21783).
        stale = true;
      }
    }

    if (!existing) {
      if (!this.plan.change(resource, 'create', summary)) return {};
      if (stale)
        await this.client.projects.deleteMetadata(projectName, 'retention_id');
      const id = await this.client.retention.create({
        algorithm: 'or',
        scope: { level: 'project', ref: project!.project_id },
        trigger: { kind: 'Schedule', settings: { cron: request.cron } },
        rules,
      });
      return { retentionId: id };
    }

    if (
      policyKey(existing.rules ?? [], cronOf(existing)) ===
      policyKey(rules, request.cron)
    ) {
      this.plan.inPlace(resource, summary);
      return { retentionId };
    }
    this.plan.drift(
      resource,
      `Harbor has ${existing.rules?.length ?? 0} rule(s) running at '${
        cronOf(existing) || 'manual'
      }', which differ from the request`,
    );
    if (this.plan.change(resource, 'update', summary)) {
      await this.client.retention.update(retentionId!, {
        ...existing,
        id: retentionId,
        algorithm: 'or',
        trigger: {
          ...existing.trigger,
          kind: 'Schedule',
          settings: { cron: request.cron },
        },
        rules,
      });
    }
    return { retentionId };
  }
}
