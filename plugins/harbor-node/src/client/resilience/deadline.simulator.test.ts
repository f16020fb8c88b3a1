import { ServiceUnavailableError } from '@backstage/errors';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { testInstance } from '../../__testUtils__/localServer';
import { HarborClient } from '../HarborClient';
import { getHarborApiError } from '../errors';
import { harborDeadlineRemainingMs, withHarborDeadline } from './deadline';

type Simulator = Awaited<ReturnType<typeof startHarborSimulator>>;

let counter = 0;

describe('one deadline per request, against the Harbor simulator', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startHarborSimulator({ port: 0, validation: 'throw' });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.clearLog();
    sim.clearViolations();
  });
  afterEach(() => sim.assertNoViolations());

  function client(requestTimeoutMs: number, retry = {}) {
    counter++;
    return HarborClient.create({
      instance: testInstance(sim.url, {
        name: `deadline-${counter}`,
        ...sim.adminCredentials,
        requestTimeoutMs,
      }),
      retry,
    });
  }

  it('lets sequential calls share what is left of one deadline', async () => {
    const c = client(5_000);
    sim.faults.inject({ operationId: 'getProject', latencyMs: 400 });
    sim.faults.inject({ operationId: 'getProjectSummary', hang: true });
    const started = performance.now();
    const error = await withHarborDeadline(800, async () => {
      await c.projects.get('library');
      return c.projects.summary('library').then(
        () => undefined,
        e => e as Error,
      );
    });
    const elapsed = performance.now() - started;
    // Without the shared deadline the second call alone would wait its 5 s timeout.
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(getHarborApiError(error)?.kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(750);
    // Far below the 5 s the second call would wait alone; the margin is for a loaded CI machine.
    expect(elapsed).toBeLessThan(3_500);
    expect(sim.log.count('getProjectSummary')).toBe(1);
  });

  it('fails a call made after the deadline is spent at once, without a request', async () => {
    const c = client(5_000);
    sim.faults.inject({ operationId: 'getProject', hang: true });
    await withHarborDeadline(300, async () => {
      await expect(c.projects.get('library')).rejects.toThrow(/did not answer/);
      const started = performance.now();
      const error = await c.projects.summary('library').catch(e => e);
      expect(performance.now() - started).toBeLessThan(250);
      expect(getHarborApiError(error)).toMatchObject({
        kind: 'timeout',
        detail: "no time was left of the request's deadline",
      });
    });
    expect(sim.log.count('getProjectSummary')).toBe(0);
  });

  it('does not retry when the backoff would not fit in the deadline', async () => {
    const c = client(5_000, { maxAttempts: 5, baseDelayMs: 200 });
    sim.faults.inject({ operationId: 'getProject', status: 503, always: true });
    await expect(
      withHarborDeadline(150, () => c.projects.get('library')),
    ).rejects.toThrow(/failed getProject/);
    expect(sim.log.count('getProject')).toBe(1);

    // Outside a deadline, the same call is retried up to its attempts.
    sim.clearLog();
    await expect(c.projects.get('library')).rejects.toThrow(
      /failed getProject/,
    );
    expect(sim.log.count('getProject')).toBe(5);
  });

  it('retries within the deadline when they fit', async () => {
    const c = client(5_000, { maxAttempts: 3, baseDelayMs: 20 });
    sim.faults.inject({ operationId: 'getProject', status: 503, times: 2 });
    await expect(
      withHarborDeadline(2_000, () => c.projects.get('library')),
    ).resolves.toMatchObject({ name: 'library' });
    expect(sim.log.count('getProject')).toBe(3);
  });

  it('keeps the earlier deadline when nested, and none outside', async () => {
    expect(harborDeadlineRemainingMs()).toBeUndefined();
    await withHarborDeadline(1_000, async () => {
      await withHarborDeadline(5_000, async () => {
        expect(harborDeadlineRemainingMs()).toBeLessThanOrEqual(1_000);
      });
      await withHarborDeadline(200, async () => {
        expect(harborDeadlineRemainingMs()).toBeLessThanOrEqual(200);
      });
      expect(harborDeadlineRemainingMs()).toBeGreaterThan(200);
    });
  });
});
