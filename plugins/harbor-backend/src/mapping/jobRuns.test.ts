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
});
