import { ServiceUnavailableError, serializeError } from '@backstage/errors';
import { inspect } from 'node:util';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import type { HarborConnectionState } from '@backstage-harbor/plugin-harbor-common';
import { testInstance } from '../../__testUtils__/localServer';
import { ConfigReader } from '@backstage/config';
import { HarborClient } from '../HarborClient';
import { HarborClients } from '../HarborClients';
import { getHarborApiError } from '../errors';
import { withHarborDeadline } from './deadline';
import { HarborUnavailableError, isHarborCircuitOpen } from './errors';

type Simulator = Awaited<ReturnType<typeof startHarborSimulator>>;

let counter = 0;

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('circuit breaker against the Harbor simulator', () => {
  let sim: Simulator;
  let now: number;

  beforeAll(async () => {
    sim = await startHarborSimulator({ port: 0, validation: 'throw' });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
    sim.faults.clear();
    sim.clearLog();
    sim.clearViolations();
  });
  afterEach(() => sim.assertNoViolations());

  /** A client with its own instance (own breaker), a clock the test moves and a fixed jitter draw. */
  function client(
    options: {
      failureThreshold?: number;
      coolDownMs?: number;
      random?: number;
      requestTimeoutMs?: number;
    } = {},
  ) {
    counter++;
    const c = HarborClient.create({
      instance: testInstance(sim.url, {
        name: `breaker-${counter}`,
        ...sim.adminCredentials,
        requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      }),
      retry: { maxAttempts: 1 },
      resilience: {
        circuitBreaker: {
          failureThreshold: options.failureThreshold ?? 3,
          coolDownMs: options.coolDownMs ?? 1_000,
          jitter: 0.2,
        },
        now: () => now,
        random: () => options.random ?? 0,
      },
    });
    const changes: Array<[HarborConnectionState, HarborConnectionState]> = [];
    c.onConnectionChange((connection, previous) =>
      changes.push([previous, connection.state]),
    );
    return { c, changes };
  }

  const getProject = (c: HarborClient) => c.projects.get('library');

  it('opens after consecutive 5xx answers and then fails at once without a request', async () => {
    const { c, changes } = client({ failureThreshold: 3 });
    await getProject(c);
    expect(c.connection().state).toBe('available');
    sim.faults.inject({ operationId: 'getProject', status: 500, always: true });
    for (let i = 0; i < 3; i++) {
      expect(await caught(getProject(c))).toBeInstanceOf(
        ServiceUnavailableError,
      );
    }
    expect(sim.log.count('getProject')).toBe(4);

    const error = await caught(getProject(c));
    expect(error).toBeInstanceOf(HarborUnavailableError);
    expect(error.name).toBe('HarborUnavailableError');
    expect(isHarborCircuitOpen(error)).toBe(true);
    expect(error.message).toContain(`Harbor instance '${c.instance.name}'`);
    // The last failure is its cause, so the backend's checks of HarborApiError still see it.
    expect(getHarborApiError(error)?.status).toBe(500);
    expect((error as HarborUnavailableError).retryAt).toBe(
      new Date(now + 1_000).toISOString(),
    );
    expect(sim.log.count('getProject')).toBe(4);
    expect(c.connection()).toMatchObject({
      state: 'unavailable',
      since: new Date(now).toISOString(),
    });
    expect(c.connection().message).toContain('getProject answered 500');
    expect(changes).toEqual([
      ['unknown', 'available'],
      ['available', 'unavailable'],
    ]);
    const shown = [
      inspect(error),
      JSON.stringify(serializeError(error)),
      JSON.stringify(c.connection()),
    ].join('\n');
    expect(shown).not.toContain(sim.adminCredentials.password);
    expect(shown).not.toContain(
      Buffer.from(`admin:${sim.adminCredentials.password}`).toString('base64'),
    );
  });

  it('does not count answers about the thing asked for (404, 409) as failures', async () => {
    const { c } = client({ failureThreshold: 2 });
    for (let i = 0; i < 4; i++) {
      await expect(c.projects.get('no-such-project')).rejects.toThrow(
        /found nothing/,
      );
    }
    sim.faults.inject({ operationId: 'getProject', status: 409, times: 3 });
    for (let i = 0; i < 3; i++) {
      await expect(getProject(c)).rejects.toThrow(/conflict/);
    }
    await expect(getProject(c)).resolves.toMatchObject({ name: 'library' });
    expect(c.connection().state).toBe('available');
  });

  it('a success resets the count of consecutive failures', async () => {
    const { c } = client({ failureThreshold: 2 });
    sim.faults.inject({ operationId: 'getProject', status: 500 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    await getProject(c);
    sim.faults.inject({ operationId: 'getProject', status: 500 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    await expect(getProject(c)).resolves.toMatchObject({ name: 'library' });
  });

  it('lets one probe through after the cool-down (with jitter) and closes when it succeeds', async () => {
    // random 0.5 with jitter 0.2: the cool-down is 1000 ms × 1.1.
    const { c, changes } = client({ failureThreshold: 2, random: 0.5 });
    sim.faults.inject({ operationId: 'getProject', status: 503, times: 2 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    const opened = now;

    now = opened + 1_099;
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
    expect(sim.log.count('getProject')).toBe(2);

    now = opened + 1_100;
    // A slow probe: the calls made meanwhile fail at once instead of piling onto a recovering Harbor.
    sim.faults.inject({ operationId: 'getProject', latencyMs: 300 });
    const probe = getProject(c);
    const meanwhile = await caught(getProject(c));
    expect(meanwhile).toBeInstanceOf(HarborUnavailableError);
    expect(meanwhile.message).toMatch(/half-open/);
    expect(c.connection().state).toBe('recovering');
    await expect(probe).resolves.toMatchObject({ name: 'library' });
    expect(sim.log.count('getProject')).toBe(3);

    expect(c.connection().state).toBe('available');
    await getProject(c);
    expect(changes).toEqual([
      ['unknown', 'unavailable'],
      ['unavailable', 'recovering'],
      ['recovering', 'available'],
    ]);
  });

  it('keeps the cool-down within its jitter bounds and re-opens when the probe fails', async () => {
    // random just below 1: the longest cool-down, 1000 ms × 1.2.
    const { c } = client({ failureThreshold: 1, random: 0.9999 });
    sim.faults.inject({ operationId: 'getProject', status: 500, times: 2 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    const opened = now;
    now = opened + 1_199;
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
    now = opened + 1_200;
    // The probe fails: open again, for a whole new cool-down from now.
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    expect(c.connection().state).toBe('unavailable');
    const reopened = now;
    now = reopened + 1_199;
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
    expect(sim.log.count('getProject')).toBe(2);
    now = reopened + 1_200;
    await expect(getProject(c)).resolves.toMatchObject({ name: 'library' });
    expect(c.connection().state).toBe('available');
  });

  it('the shortest cool-down is the configured one', async () => {
    const { c } = client({ failureThreshold: 1, random: 0 });
    sim.faults.inject({ operationId: 'getProject', status: 502 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    const opened = now;
    now = opened + 999;
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
    now = opened + 1_000;
    await expect(getProject(c)).resolves.toMatchObject({ name: 'library' });
  });

  it('counts timeouts, but not calls cut short by an almost spent request deadline', async () => {
    const { c } = client({ failureThreshold: 2, requestTimeoutMs: 400 });
    sim.faults.inject({ operationId: 'getProject', hang: true, always: true });
    // Each call is allowed 100 ms of the 400 ms timeout: that says little about Harbor.
    for (let i = 0; i < 3; i++) {
      await expect(
        withHarborDeadline(100, () => getProject(c)),
      ).rejects.toThrow(/did not answer/);
    }
    expect(c.connection().state).not.toBe('unavailable');

    await expect(getProject(c)).rejects.toThrow(/did not answer/);
    await expect(getProject(c)).rejects.toThrow(/did not answer/);
    expect(c.connection().state).toBe('unavailable');
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
  });

  it('counts network failures', async () => {
    const { c } = client({ failureThreshold: 2 });
    sim.faults.inject({ operationId: 'getProject', reset: true, times: 2 });
    await expect(getProject(c)).rejects.toThrow(/could not be reached/);
    await expect(getProject(c)).rejects.toThrow(/could not be reached/);
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
  });

  it('is shared by every context of the client', async () => {
    const { c } = client({ failureThreshold: 1 });
    sim.faults.inject({ operationId: 'getProject', status: 500 });
    await expect(
      c.withContext({ requestId: 'r-1' }).projects.get('library'),
    ).rejects.toThrow(ServiceUnavailableError);
    await expect(
      c.withContext({ requestId: 'r-2' }).projects.get('library'),
    ).rejects.toThrow(HarborUnavailableError);
  });

  it('takes its threshold and cool-down from harbor.circuitBreaker through HarborClients', async () => {
    const clients = HarborClients.fromConfig(
      new ConfigReader({
        harbor: {
          baseUrl: sim.url,
          ...sim.adminCredentials,
          circuitBreaker: { failureThreshold: 1, coolDown: '2s' },
        },
      }),
      {
        retry: { maxAttempts: 1 },
        resilience: { now: () => now, random: () => 0 },
      },
    );
    const c = clients.forInstance();
    await getProject(c);
    sim.faults.inject({ operationId: 'getProject', status: 500 });
    await expect(getProject(c)).rejects.toThrow(ServiceUnavailableError);
    expect(clients.connections()).toEqual([
      expect.objectContaining({ instance: 'default', state: 'unavailable' }),
    ]);
    now += 1_999;
    await expect(getProject(c)).rejects.toThrow(HarborUnavailableError);
    now += 1;
    await expect(getProject(c)).resolves.toMatchObject({ name: 'library' });
    expect(clients.connection('default').state).toBe('available');
  });
});
