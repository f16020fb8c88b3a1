import { serializeError } from '@backstage/errors';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { inspect } from 'node:util';
import { HarborInstances } from '../../config';
import { testInstance } from '../../__testUtils__/localServer';
import { listProjects } from '../../__testUtils__/harborCalls';
import { HarborClient } from '../HarborClient';
import { HarborClients } from '../HarborClients';
import { getHarborApiError } from '../errors';
import { withHarborDeadline } from './deadline';
import {
  HarborCredentialsRejectedError,
  isHarborCredentialsRejected,
} from './errors';

type Simulator = Awaited<ReturnType<typeof startHarborSimulator>>;

const ROBOT = {
  username: 'robot$backstage-reader',
  password: 'Reader12345secret',
};
const WRONG_PASSWORD = 'Wr0ng-Secret-Value-77';

let counter = 0;

/** A logger that keeps every line with its fields, to search for secrets. */
function capturingLogger() {
  const lines: string[] = [];
  const logger: any = {
    child: () => logger,
    error: (m: string, f?: unknown) => lines.push(`${m} ${inspect(f)}`),
    warn: (m: string, f?: unknown) => lines.push(`${m} ${inspect(f)}`),
    info: (m: string, f?: unknown) => lines.push(`${m} ${inspect(f)}`),
    debug: (m: string, f?: unknown) => lines.push(`${m} ${inspect(f)}`),
  };
  return { logger, lines };
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('credential check against the Harbor simulator', () => {
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

  function clients(
    credentials: { username?: string; password?: string },
    extra: { credentialCheckIntervalMs?: number } = {},
  ) {
    counter++;
    const name = `creds-${counter}`;
    const { logger, lines } = capturingLogger();
    const all = new HarborClients(
      new HarborInstances([
        testInstance(sim.url, {
          name,
          ...credentials,
          requestTimeoutMs: 5_000,
        }),
      ]),
      { logger, resilience: { now: () => now }, ...extra },
    );
    return { all, name, lines, client: all.forInstance(name) };
  }

  it("accepts a user's credentials that authenticate as that user", async () => {
    const { all, name } = clients(sim.adminCredentials);
    await expect(all.checkCredentials(name)).resolves.toMatchObject({
      instance: name,
      state: 'available',
    });
    expect(sim.log.count('getCurrentUserInfo')).toBe(1);
    expect(sim.log.count('listProjects')).toBe(1);
  });

  it('accepts a robot account, which /users/current answers with 412', async () => {
    const { client } = clients(ROBOT);
    await expect(client.projects.get('library')).resolves.toMatchObject({
      name: 'library',
    });
    expect(client.connection().state).toBe('available');
    expect(sim.log.count('getCurrentUserInfo')).toBe(1);
  });

  it('detects a wrong password that Harbor answers as anonymous', async () => {
    // What the check guards against: Harbor serves public data to these credentials with 200.
    const lone = HarborClient.create({
      instance: testInstance(sim.url, {
        name: `lone-${++counter}`,
        username: 'admin',
        password: WRONG_PASSWORD,
      }),
    });
    await expect(listProjects(lone)).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'library' })]),
    );

    const { client, name, lines, all } = clients({
      username: 'admin',
      password: WRONG_PASSWORD,
    });
    const changes: string[] = [];
    all.onConnectionChange(c => changes.push(c.state));
    const error = await caught(client.projects.get('library'));
    expect(error).toBeInstanceOf(HarborCredentialsRejectedError);
    expect(error.name).toBe('HarborCredentialsRejectedError');
    expect(isHarborCredentialsRejected(error)).toBe(true);
    expect(error.message).toBe(
      `Harbor instance '${name}' rejected the configured credentials: Harbor answers them as anonymous (a wrong username or password, or a disabled or expired robot account)`,
    );
    expect(sim.log.count('getProject')).toBe(0);

    // Every further call fails at once, without asking Harbor.
    sim.clearLog();
    await expect(client.projects.get('library')).rejects.toThrow(
      HarborCredentialsRejectedError,
    );
    await expect(all.ensureCredentials(name)).rejects.toThrow(
      HarborCredentialsRejectedError,
    );
    expect(sim.log.count()).toBe(0);
    expect(all.connection(name)).toMatchObject({
      state: 'credentials-rejected',
      message: error.message,
    });
    expect(changes).toEqual(['credentials-rejected']);

    const shown = [
      error.message,
      JSON.stringify(serializeError(error)),
      inspect(error),
      JSON.stringify(all.connections()),
      ...lines,
    ].join('\n');
    expect(shown).not.toContain(WRONG_PASSWORD);
  });

  it('detects a robot secret that Harbor answers as anonymous', async () => {
    const { client, all, name } = clients({
      username: ROBOT.username,
      password: WRONG_PASSWORD,
    });
    await expect(client.projects.get('library')).rejects.toThrow(
      HarborCredentialsRejectedError,
    );
    expect(all.connection(name).state).toBe('credentials-rejected');
  });

  it('rejects a robot account configured under a name that is not a robot name', async () => {
    // Harbor's robot accounts authenticate only with their full robot$ name; a user name with a robot's
    // secret is answered as anonymous.
    const { all, name } = clients({
      username: 'backstage-reader',
      password: ROBOT.password,
    });
    await expect(all.checkCredentials(name)).resolves.toMatchObject({
      state: 'credentials-rejected',
    });
  });

  it('checks again after a 401 and fails the call with the rejection', async () => {
    const user = sim.state.userByName('bob')!;
    const original = user.password;
    const { client, all, name } = clients({
      username: 'bob',
      password: original,
    });
    try {
      await client.projects.get('library');
      expect(all.connection(name).state).toBe('available');
      expect(sim.log.count('getCurrentUserInfo')).toBe(1);

      // The password is changed in Harbor: from now on Harbor answers these credentials as anonymous, which
      // reads a private project with 401.
      user.password = 'Changed12345';
      now += 11_000;
      const error = await caught(client.projects.get('team-a'));
      expect(error).toBeInstanceOf(HarborCredentialsRejectedError);
      expect(sim.log.count('getCurrentUserInfo')).toBe(2);
      expect(all.connection(name).state).toBe('credentials-rejected');

      // The periodic check finds them accepted again once they are fixed.
      user.password = original;
      await expect(all.checkAllCredentials()).resolves.toEqual([
        expect.objectContaining({ instance: name, state: 'available' }),
      ]);
      await expect(client.projects.get('library')).resolves.toMatchObject({
        name: 'library',
      });
    } finally {
      user.password = original;
    }
  });

  it('does not check again after every 403 within the minimum interval', async () => {
    const { client } = clients(sim.adminCredentials);
    await client.projects.get('library');
    sim.faults.inject({ operationId: 'getProject', status: 403, times: 3 });
    for (let i = 0; i < 3; i++) {
      await expect(client.projects.get('library')).rejects.toThrow(/denied/);
    }
    expect(sim.log.count('getCurrentUserInfo')).toBe(1);
    now += 11_000;
    sim.faults.inject({ operationId: 'getProject', status: 403 });
    await expect(client.projects.get('library')).rejects.toThrow(/denied/);
    expect(sim.log.count('getCurrentUserInfo')).toBe(2);
    expect(client.connection().state).toBe('available');
  });

  it('lets concurrent first calls wait for one check', async () => {
    const { client } = clients(sim.adminCredentials);
    await Promise.all([
      client.projects.get('library'),
      client.projects.get('library'),
      client.projects.summary('library'),
    ]);
    expect(sim.log.count('getCurrentUserInfo')).toBe(1);
  });

  it('keeps its verdict while Harbor cannot be asked, and fails the first call with why', async () => {
    const { client, all, name } = clients(sim.adminCredentials);
    sim.faults.inject({ operationId: 'getCurrentUserInfo', status: 500 });
    await expect(client.projects.get('library')).rejects.toThrow(
      /failed getCurrentUserInfo with 500/,
    );
    expect(all.connection(name).state).toBe('unknown');
    expect(sim.log.count('getProject')).toBe(0);
    // The next call checks again.
    await expect(client.projects.get('library')).resolves.toMatchObject({
      name: 'library',
    });
    sim.faults.inject({ operationId: 'getCurrentUserInfo', status: 500 });
    await all.checkAllCredentials();
    expect(all.connection(name).state).toBe('available');
  });

  it("waits for a check started outside the request only within the request's deadline", async () => {
    const { client, all, name } = clients(sim.adminCredentials);
    sim.faults.inject({ operationId: 'getCurrentUserInfo', latencyMs: 3_000 });
    // As at start-up: the check runs outside any request, with its own 5 s timeout.
    const check = all.checkCredentials(name);
    const started = performance.now();
    const error = await withHarborDeadline(300, () =>
      caught(client.projects.get('library')),
    );
    // The request's deadline, not the check's 3 s: a timeout, without a request of its own.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(getHarborApiError(error)).toMatchObject({ kind: 'timeout' });
    expect(sim.log.count('getProject')).toBe(0);
    await expect(check).resolves.toMatchObject({ state: 'available' });
  });

  it('never rejects an anonymous instance', async () => {
    const { client, all, name } = clients({
      username: undefined,
      password: undefined,
    });
    await expect(client.projects.get('library')).resolves.toMatchObject({
      name: 'library',
    });
    await expect(all.ensureCredentials(name)).resolves.toBeUndefined();
    expect(sim.log.count('getCurrentUserInfo')).toBe(0);
  });

  it('checks periodically once started', async () => {
    const user = sim.state.userByName('alice')!;
    const original = user.password;
    const { all, name } = clients(
      { username: 'alice', password: original },
      { credentialCheckIntervalMs: 50 },
    );
    const checks = all.startCredentialChecks();
    try {
      expect(
        await eventually(() => all.connection(name).state === 'available'),
      ).toBe(true);
      user.password = 'Changed12345';
      expect(
        await eventually(
          () => all.connection(name).state === 'credentials-rejected',
        ),
      ).toBe(true);
      user.password = original;
      expect(
        await eventually(() => all.connection(name).state === 'available'),
      ).toBe(true);
    } finally {
      checks.stop();
      user.password = original;
    }
  });
});

/** Whether `condition` holds within `timeoutMs`, polling. */
async function eventually(condition: () => boolean, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return true;
}
