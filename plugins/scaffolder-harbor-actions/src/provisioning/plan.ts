import type { LoggerService } from '@backstage/backend-plugin-api';

/** What an action did, or in a dry run would do, to one Harbor (or Kubernetes) resource. */
export type ChangeAction =
  | 'create'
  | 'update'
  | 'refresh-secret'
  | 'write-secret'
  | 'none';

/** One line of a plan; the `plan` output of every action is a list of these. */
export interface PlannedChange {
  /** e.g. `project team-a`, `quota of project team-a`, `robot robot$team-a+ci`. */
  resource: string;
  action: ChangeAction;
  /** What changes (`quota 10 GiB → 20 GiB`), or why nothing does. */
  detail: string;
}

/**
 * The changes of one action run, in order, logged as they are decided. In a dry run the reconcilers only record;
 * otherwise they apply each change right after recording it, so the plan is also the record of what was done.
 */
export class Plan {
  readonly changes: PlannedChange[] = [];

  constructor(
    private readonly logger: LoggerService,
    readonly dryRun: boolean,
  ) {}

  /** Records a change; returns true when the caller should apply it (not a dry run). */
  change(
    resource: string,
    action: Exclude<ChangeAction, 'none'>,
    detail: string,
  ): boolean {
    this.changes.push({ resource, action, detail });
    this.logger.info(
      this.dryRun
        ? `[dry run] would ${action} ${resource}: ${detail}`
        : `${action} ${resource}: ${detail}`,
    );
    return !this.dryRun;
  }

  inPlace(resource: string, detail = 'in place'): void {
    this.changes.push({ resource, action: 'none', detail });
    this.logger.info(`${resource} is in place: ${detail}`);
  }

  /** Something differs from what was requested although it was once set up (e.g. changed in the Harbor UI). */
  drift(resource: string, detail: string): void {
    this.logger.warn(
      `drift on ${resource}: ${detail}; ${
        this.dryRun ? 'a real run would reconcile it' : 'reconciling'
      }`,
    );
  }

  get changeCount(): number {
    return this.changes.filter(c => c.action !== 'none').length;
  }

  /** The closing log line: everything in place, or how many changes were (or would be) made. */
  finish(subject: string): void {
    const count = this.changeCount;
    if (count === 0) {
      this.logger.info(`${subject}: everything is in place, nothing to change`);
    } else if (this.dryRun) {
      this.logger.info(
        `${subject}: [dry run] ${count} change(s) planned, nothing written`,
      );
    } else {
      this.logger.info(`${subject}: ${count} change(s) applied`);
    }
  }

  toJSON(): PlannedChange[] {
    return this.changes.map(c => ({ ...c }));
  }
}

/** What {@link runPlan} needs of an action's context. */
export interface PlanContext {
  logger: LoggerService;
  isDryRun?: boolean;
  output(name: 'plan', value: PlannedChange[]): void;
}

/**
 * One action run's reconciliation: a plan that only records in a dry run, its closing log line about `subject`,
 * and the `plan` output every action sets.
 */
export async function runPlan<T>(
  ctx: PlanContext,
  subject: string,
  reconcile: (plan: Plan) => Promise<T>,
): Promise<T> {
  const plan = new Plan(ctx.logger, Boolean(ctx.isDryRun));
  const result = await reconcile(plan);
  plan.finish(subject);
  ctx.output('plan', plan.toJSON());
  return result;
}
