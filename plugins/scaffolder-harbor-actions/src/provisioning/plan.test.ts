import type { LoggerService } from '@backstage/backend-plugin-api';
import { Plan, PlannedChange, runPlan } from './plan';

/** A logger that keeps `level message` lines. */
function recordingLogger(lines: string[]): LoggerService {
  const logger: LoggerService = {
    info: message => void lines.push(`info ${message}`),
    warn: message => void lines.push(`warn ${message}`),
    error: message => void lines.push(`error ${message}`),
    debug: message => void lines.push(`debug ${message}`),
    child: () => logger,
  };
  return logger;
}

describe('Plan', () => {
  it('applies each change in a real run and logs what it does', () => {
    const lines: string[] = [];
    const plan = new Plan(recordingLogger(lines), false);
    expect(plan.change('project team-a', 'create', 'public=false')).toBe(true);
    plan.drift('quota of project team-a', 'storage 1 GiB → 2 GiB');
    expect(
      plan.change('quota of project team-a', 'update', '1 GiB → 2 GiB'),
    ).toBe(true);
    plan.inPlace('robot robot$team-a+ci');
    plan.inPlace('Secret harbor-robot', 'holds the credentials');
    expect(lines).toEqual([
      'info create project team-a: public=false',
      'warn drift on quota of project team-a: storage 1 GiB → 2 GiB; reconciling',
      'info update quota of project team-a: 1 GiB → 2 GiB',
      'info robot robot$team-a+ci is in place: in place',
      'info Secret harbor-robot is in place: holds the credentials',
    ]);
    expect(plan.changeCount).toBe(2);
    expect(plan.toJSON()).toEqual([
      { resource: 'project team-a', action: 'create', detail: 'public=false' },
      {
        resource: 'quota of project team-a',
        action: 'update',
        detail: '1 GiB → 2 GiB',
      },
      { resource: 'robot robot$team-a+ci', action: 'none', detail: 'in place' },
      {
        resource: 'Secret harbor-robot',
        action: 'none',
        detail: 'holds the credentials',
      },
    ]);
  });

  it('only records in a dry run, and says so', () => {
    const lines: string[] = [];
    const plan = new Plan(recordingLogger(lines), true);
    expect(plan.dryRun).toBe(true);
    expect(plan.change('project team-a', 'create', 'public=false')).toBe(false);
    plan.drift('project team-b', 'public false → true');
    expect(lines).toEqual([
      'info [dry run] would create project team-a: public=false',
      'warn drift on project team-b: public false → true; a real run would reconcile it',
    ]);
    expect(plan.changeCount).toBe(1);
  });

  it('closes with everything in place, the changes applied, or the changes planned', () => {
    const lines: string[] = [];
    const logger = recordingLogger(lines);
    const inPlace = new Plan(logger, false);
    inPlace.inPlace('project team-a');
    inPlace.finish('Harbor project team-a');
    const applied = new Plan(logger, false);
    applied.change('project team-a', 'create', 'x');
    applied.change('quota of project team-a', 'create', 'y');
    applied.inPlace('robot ci');
    applied.finish('Harbor project team-a');
    const planned = new Plan(logger, true);
    planned.change('project team-a', 'create', 'x');
    planned.finish('Harbor project team-a');
    expect(lines.filter(l => l.includes('Harbor project team-a:'))).toEqual([
      'info Harbor project team-a: everything is in place, nothing to change',
      'info Harbor project team-a: 2 change(s) applied',
      'info Harbor project team-a: [dry run] 1 change(s) planned, nothing written',
    ]);
  });

  it('hands out copies, so an output cannot change the plan', () => {
    const plan = new Plan(recordingLogger([]), false);
    plan.change('project team-a', 'create', 'x');
    const json = plan.toJSON();
    json[0].detail = 'changed';
    expect(plan.changes[0].detail).toBe('x');
  });
});

describe('runPlan', () => {
  it('runs the reconciliation, closes the plan and sets the plan output', async () => {
    const lines: string[] = [];
    const outputs: Record<string, PlannedChange[]> = {};
    const ctx = {
      logger: recordingLogger(lines),
      isDryRun: true,
      output: (name: 'plan', value: PlannedChange[]) => {
        outputs[name] = value;
      },
    };
    const result = await runPlan(ctx, 'Harbor project team-a', async plan => {
      expect(plan.dryRun).toBe(true);
      plan.change('project team-a', 'create', 'x');
      return 42;
    });
    expect(result).toBe(42);
    expect(outputs.plan).toEqual([
      { resource: 'project team-a', action: 'create', detail: 'x' },
    ]);
    expect(lines.at(-1)).toBe(
      'info Harbor project team-a: [dry run] 1 change(s) planned, nothing written',
    );
  });

  it('is a real run when the context says nothing of a dry run', async () => {
    const ctx = {
      logger: recordingLogger([]),
      output: () => {},
    };
    await runPlan(ctx, 'x', async plan => {
      expect(plan.dryRun).toBe(false);
    });
  });
});
