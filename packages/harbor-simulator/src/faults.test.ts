import { HarborFaults } from './faults';

describe('HarborFaults', () => {
  let now: number;
  let faults: HarborFaults;

  beforeEach(() => {
    now = 1_000_000;
    faults = new HarborFaults(() => now);
  });

  it('applies a fault without operationId to every operation', () => {
    faults.inject({ status: 500, times: 3 });
    expect(faults.decide('listProjects')?.status).toBe(500);
    expect(faults.decide('getRepository')?.status).toBe(500);
    expect(faults.decide('listArtifacts')?.status).toBe(500);
    // Failed three times across operations, then recovered.
    expect(faults.decide('listProjects')).toBeUndefined();
    expect(faults.pending).toEqual([]);
  });

  it('lasts forMs on its clock, then removes itself', () => {
    const outage = faults.inject({ status: 500, forMs: 30_000 });
    expect(outage.endsAt).toBe(1_030_000);
    for (let i = 0; i < 5; i++) {
      expect(faults.decide('listArtifacts')?.status).toBe(500);
      now += 5_000;
    }
    now += 4_999;
    expect(faults.decide('getProject')?.status).toBe(500);
    now += 1;
    expect(faults.decide('getProject')).toBeUndefined();
    expect(outage.hits).toBe(6);
    expect(faults.pending).toEqual([]);
  });

  it('limits a timed fault to `times` calls when given', () => {
    faults.inject({ status: 503, forMs: 10_000, times: 2 });
    expect(faults.decide('getProject')?.status).toBe(503);
    expect(faults.decide('getProject')?.status).toBe(503);
    expect(faults.decide('getProject')).toBeUndefined();
  });

  it('ends a timed hang at the end of the fault', () => {
    faults.inject({ hang: true, forMs: 2_000 });
    const decision = faults.decide('getProject');
    expect(decision).toEqual({
      latencyMs: 0,
      hang: true,
      hangUntil: 1_002_000,
      hangingFaultIds: [expect.any(Number)],
      reset: false,
    });
    expect(faults.anyPending(decision!.hangingFaultIds!)).toBe(true);
    faults.clear();
    expect(faults.anyPending(decision!.hangingFaultIds!)).toBe(false);
  });

  it('keeps a hang without an end unbounded when a timed one also fires', () => {
    faults.inject({ hang: true, forMs: 2_000 });
    faults.inject({ operationId: 'getProject', hang: true, always: true });
    expect(faults.decide('getProject')?.hangUntil).toBeUndefined();
    expect(faults.decide('listProjects')?.hangUntil).toBe(1_002_000);
  });

  it('still counts per operation when one is named', () => {
    faults.inject({ operationId: 'getProject', onCall: 2, status: 404 });
    expect(faults.decide('listProjects')).toBeUndefined();
    expect(faults.decide('getProject')).toBeUndefined();
    expect(faults.decide('getProject')?.status).toBe(404);
    expect(faults.decide('getProject')).toBeUndefined();
  });

  it('removes a fault by id', () => {
    const a = faults.inject({ status: 500, always: true });
    const b = faults.inject({ latencyMs: 10, always: true });
    expect(a.id).not.toBe(b.id);
    expect(faults.remove(a.id)).toBe(true);
    expect(faults.remove(a.id)).toBe(false);
    expect(faults.decide('getProject')).toEqual({
      latencyMs: 10,
      hang: false,
      reset: false,
    });
  });

  it('refuses faults that could not do what they say', () => {
    expect(() => faults.inject({ status: 500, forMs: -1 })).toThrow(/forMs/);
    expect(() => faults.inject({ status: 5 })).toThrow(/HTTP status/);
    expect(() => faults.inject({ status: 500, times: 0 })).toThrow(/from 1/);
    expect(() =>
      faults.inject({ status: 500, always: true, forMs: 1_000 }),
    ).toThrow(/either always or for a time/);
    expect(() =>
      faults.inject({ status: 500, forMS: 1_000 } as unknown as {
        status: number;
      }),
    ).toThrow(/unknown fault field\(s\): forMS/);
    expect(faults.pending).toEqual([]);
  });
});
