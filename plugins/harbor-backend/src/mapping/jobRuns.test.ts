import { garbageCollectionRun, jobOutcome, replicationRun } from './jobRuns';

describe('job runs', () => {
  it.each([
    ['Succeed', 'succeeded'],
    ['Success', 'succeeded'],
    ['Failed', 'failed'],
    ['Error', 'failed'],
    ['InProgress', 'running'],
    ['Running', 'running'],
    ['Stopped', 'stopped'],
    ['Succeeded', 'succeeded'],
    ['Pending', 'running'],
    ['Scheduled', 'running'],
    ['in_progress', 'running'],
    ['In Progress', 'running'],
    ['IN-PROGRESS', 'running'],
    ['Whatever', 'unknown'],
    [undefined, 'unknown'],
  ])('reads Harbor’s %s as %s', (status, outcome) => {
    expect(jobOutcome(status)).toBe(outcome);
  });

  it('names the policy of a replication run', () => {
    expect(
      replicationRun(
        { status: 'Failed', start_time: 't0', end_time: 't1' },
        'from-old-registry',
      ),
    ).toEqual({
      status: 'Failed',
      outcome: 'failed',
      startTime: 't0',
      endTime: 't1',
      policy: 'from-old-registry',
    });
  });

  it('has no end time for a GC run still in progress', () => {
    expect(
      garbageCollectionRun({
        job_status: 'Running',
        creation_time: 't0',
        update_time: 't1',
      }),
    ).toEqual({
      status: 'Running',
      outcome: 'running',
      startTime: 't0',
      endTime: undefined,
    });
  });

  it('ends a finished GC run at its last update, and has no time Harbor did not send', () => {
    expect(
      garbageCollectionRun({
        job_status: 'Success',
        creation_time: 't0',
        update_time: 't1',
      }),
    ).toEqual({
      status: 'Success',
      outcome: 'succeeded',
      startTime: 't0',
      endTime: 't1',
    });
    expect(
      garbageCollectionRun({ job_status: 'Error', update_time: '' }),
    ).toEqual({
      status: 'Error',
      outcome: 'failed',
      startTime: undefined,
      endTime: undefined,
    });
  });

  it('reads a run without a status as an unknown outcome with empty status text', () => {
    expect(garbageCollectionRun({})).toEqual({
      status: '',
      outcome: 'unknown',
      startTime: undefined,
      endTime: undefined,
    });
    expect(replicationRun({})).toEqual({
      status: '',
      outcome: 'unknown',
      startTime: undefined,
      endTime: undefined,
      policy: undefined,
    });
  });
});
