import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  serializeError,
} from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { inspect } from 'node:util';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { testInstance } from '../__testUtils__/localServer';
import { currentUser, listProjects, ping } from '../__testUtils__/harborCalls';
import { HarborClient } from './HarborClient';
import { HarborCore } from './core';
import { encodeRepositoryName } from './encoding';
import { getHarborApiError } from './errors';
import {
  VULNERABILITY_REPORT_V10_MIME_TYPE,
  VULNERABILITY_REPORT_V11_MIME_TYPE,
  pickVulnerabilityReport,
} from './vulnerabilities';

type Simulator = Awaited<ReturnType<typeof startHarborSimulator>>;

const noSleep = { sleep: async () => {} };
let counter = 0;

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('HarborClient against the Harbor simulator', () => {
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
  afterEach(() => {
    // Every request the client sent, and every answer it read, agrees with the official spec.
    sim.assertNoViolations();
  });

  function basicAdmin() {
    const { username, password } = sim.adminCredentials;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  /** A client with its own instance name, so that each test has its own concurrency cap. */
  function client(
    credentials: {
      username?: string;
      password?: string;
    } = sim.adminCredentials,
    options: {
      requestTimeoutMs?: number;
      maxConcurrency?: number;
      logger?: any;
      fetch?: any;
    } = {},
  ) {
    counter++;
    return HarborClient.create({
      instance: testInstance(sim.url, {
        name: `sim-${counter}`,
        username: credentials.username,
        password: credentials.password,
        requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
        maxConcurrency: options.maxConcurrency ?? 8,
      }),
      retry: noSleep,
      logger: options.logger,
      fetch: options.fetch,
    });
  }

  describe('credentials', () => {
    it('tells a user, a robot and rejected credentials apart by GET /users/current', async () => {
      await expect(currentUser(client())).resolves.toMatchObject({
        username: 'admin',
        sysadmin_flag: true,
      });
      // Harbor answers 412 for a robot account.
      const robot = await caught(
        currentUser(
          client({
            username: 'robot$backstage-reader',
            password: 'Reader12345secret',
          }),
        ),
      );
      expect(robot).toBeInstanceOf(ConflictError);
      expect(getHarborApiError(robot)?.status).toBe(412);
      const error = await caught(
        currentUser(client({ username: 'admin', password: 'wrong' })),
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(
        'rejected the configured credentials (Harbor treats them as anonymous)',
      );
    });

    it('shows why: with wrong credentials Harbor lists only public projects instead of failing', async () => {
      const anonymous = await listProjects(
        client({
          username: 'admin',
          password: 'wrong',
        }),
      );
      const admin = await listProjects(client());
      expect(anonymous.every(p => p.metadata?.public === 'true')).toBe(true);
      expect(admin.length).toBeGreaterThan(anonymous.length);
    });
  });

  describe('repository names', () => {
    it('reaches a nested repository with the name encoded twice', async () => {
      const harbor = client();
      const repository = await harbor.repositories.get(
        'platform',
        'platform/team/app',
      );
      expect(repository.name).toBe('platform/team/app');
      const [entry] = sim.log.byOperation('getRepository');
      expect(entry.path).toBe(
        '/api/v2.0/projects/platform/repositories/team%252Fapp',
      );
      expect(entry.path).toBe(
        `/api/v2.0/projects/platform/repositories/${encodeRepositoryName(
          'platform',
          'team/app',
        )}`,
      );
    });

    it('finds nothing when the nested name is encoded only once', async () => {
      const response = await fetch(
        `${sim.url}/api/v2.0/projects/platform/repositories/team%2Fapp`,
        {
          headers: { authorization: basicAdmin() },
        },
      );
      expect(response.status).toBe(404);
    });

    it('lists the artifacts of a nested repository', async () => {
      const artifacts = await client().artifacts.list('platform', 'team/app', {
        with_tag: true,
      });
      expect(artifacts.map(a => a.repository_name)).toEqual([
        'platform/team/app',
        'platform/team/app',
      ]);
    });
  });

  describe('projects by name', () => {
    it('reads the project named "2024" by name, and another project by its id', async () => {
      const harbor = client();
      const byName = await harbor.projects.get('2024');
      expect(byName.name).toBe('2024');
      // Without X-Is-Resource-Name, Harbor reads "2024" as a project id.
      const bare = await fetch(`${sim.apiUrl}/projects/2024`, {
        headers: { authorization: basicAdmin() },
      });
      expect(bare.status).toBe(404);
      const library = await harbor.projects.get('library');
      await expect(
        harbor.projects.get(library.project_id!),
      ).resolves.toMatchObject({ name: 'library' });
    });

    it('deletes an empty project by name; Harbor refuses one that holds repositories (412)', async () => {
      const harbor = client();
      await harbor.projects.create({ project_name: 'to-delete' });
      await harbor.projects.create({ project_name: 'kept' });
      sim.push({ project: 'kept', repository: 'app', tags: ['1.0'] });

      await harbor.projects.delete('to-delete');
      expect(await harbor.projects.exists('to-delete')).toBe(false);
      const refusal = await harbor.projects.delete('kept').catch(e => e);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect(getHarborApiError(refusal)?.status).toBe(412);
      expect(await harbor.projects.exists('kept')).toBe(true);
    });
  });

  describe('paging', () => {
    it('returns every artifact when the repository has 250, in exactly 3 list calls', async () => {
      sim.addArtifacts({ project: 'sandbox', repository: 'many', count: 250 });
      const artifacts = await client().artifacts.list('sandbox', 'many', {
        with_scan_overview: true,
      });
      expect(artifacts).toHaveLength(250);
      expect(new Set(artifacts.map(a => a.digest)).size).toBe(250);
      const calls = sim.log.byOperation('listArtifacts');
      expect(calls).toHaveLength(3);
      expect(calls.every(c => c.query.page_size === '100')).toBe(true);
    });

    /** A pull policy with `count` past executions, oldest first as Harbor would have recorded them. */
    async function policyWithExecutions(count: number) {
      const harbor = client();
      const registryId = await harbor.registries.create({
        name: `busy-registry-${counter}`,
        type: 'docker-registry',
        url: 'https://old.example.com',
      });
      const policyId = await harbor.replication.createPolicy({
        name: `busy-${counter}`,
        src_registry: { id: registryId },
        dest_namespace: 'library',
        trigger: { type: 'manual' },
        enabled: true,
      });
      const start = Date.now() - count * 60_000;
      const ids = Array.from({ length: count }, (_, i) => {
        const id = sim.state.ids.replicationExecution.next();
        sim.state.replicationExecutions.push({
          id,
          policy_id: policyId,
          trigger: 'scheduled',
          started_at: start + i * 60_000,
          total: 1,
        });
        return id;
      });
      sim.clearLog();
      return { harbor, policyId, newest: ids[ids.length - 1] };
    }

    it('reads the latest replication execution of a policy with 150 in one request of one item', async () => {
      const { harbor, policyId, newest } = await policyWithExecutions(150);
      const latest = await harbor.replication.latestExecution({
        policy_id: policyId,
      });
      expect(latest).toMatchObject({ id: newest, policy_id: policyId });
      expect(sim.log.byOperation('listReplicationExecutions')).toEqual([
        expect.objectContaining({
          query: {
            policy_id: String(policyId),
            sort: '-start_time',
            page: '1',
            page_size: '1',
          },
        }),
      ]);
      expect(sim.log.count()).toBe(1);
    });

    it('reads as many executions as the paging options allow, and every page without them', async () => {
      const { harbor, policyId } = await policyWithExecutions(150);
      // The core's paging, which every list method goes through.
      const core = HarborCore.create({ instance: harbor.instance });
      const executions = (options?: { pageSize: number; maxPages: number }) =>
        core.all(
          'listReplicationExecutions',
          (api, init, page) =>
            api.GET('/replication/executions', {
              ...init,
              params: { query: { policy_id: policyId, ...page } },
            }),
          options,
        );
      const two = await executions({ pageSize: 20, maxPages: 2 });
      expect(two).toHaveLength(40);
      expect(sim.log.count('listReplicationExecutions')).toBe(2);
      sim.clearLog();
      const all = await executions();
      expect(all).toHaveLength(150);
      expect(sim.log.count('listReplicationExecutions')).toBe(2);
    });

    it('reads the latest GC run in one request of one item', async () => {
      const id = sim.state.ids.gc.next();
      const now = new Date().toISOString();
      sim.state.gcHistory.push({
        id,
        job_kind: 'MANUAL',
        job_parameters: '{}',
        job_status: 'Running',
        schedule_type: 'Manual',
        creation_time: now,
        update_time: now,
      });
      try {
        await expect(client().system.latestGcRun()).resolves.toMatchObject({
          id,
          job_status: 'Running',
        });
        expect(sim.log.byOperation('getGCHistory')).toEqual([
          expect.objectContaining({ query: { page: '1', page_size: '1' } }),
        ]);
      } finally {
        sim.state.gcHistory.pop();
      }
    });
  });

  describe('failures', () => {
    it.each([
      ['a 500', { operationId: 'getProject', status: 500 }, 'library'],
      ['a 404', undefined, 'nope'],
      ['a timeout', { operationId: 'getProject', hang: true }, 'library'],
    ])(
      "keeps Harbor's host and API path out of the message and body of %s, and on the cause for the log",
      async (_, fault, project) => {
        if (fault) sim.faults.inject(fault);
        const error = await caught(
          client(undefined, { requestTimeoutMs: 200 })
            .withContext({ requestId: 'rid-address' })
            .projects.get(project),
        );
        const host = new URL(sim.url).host;
        // What the Backstage error handler sends to the browser: the message and the serialized error.
        const body = JSON.stringify(serializeError(error));
        for (const internal of [host, '/api/v2.0']) {
          expect(error.message).not.toContain(internal);
          expect(body).not.toContain(internal);
        }
        expect(error.message).toContain(`getProject of project ${project}`);
        expect(getHarborApiError(error)?.logFields()).toMatchObject({
          harborRequest: `GET ${sim.url}/api/v2.0/projects/${project}`,
          harborRequestId: 'rid-address',
        });
      },
    );

    it('times out a call that Harbor never answers', async () => {
      sim.faults.inject({ operationId: 'getHealth', hang: true });
      const started = Date.now();
      const error = await caught(
        client(undefined, { requestTimeoutMs: 200 }).system.health(),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(getHarborApiError(error)).toMatchObject({
        kind: 'timeout',
        operation: 'getHealth',
      });
    });

    it('retries a GET that answered 503 once', async () => {
      sim.faults.inject({ operationId: 'getProject', status: 503 });
      await expect(client().projects.get('library')).resolves.toMatchObject({
        name: 'library',
      });
      expect(sim.log.byOperation('getProject').map(e => e.status)).toEqual([
        503, 200,
      ]);
    });

    it('retries a GET whose connection was reset', async () => {
      sim.faults.inject({ operationId: 'getSystemInfo', reset: true });
      await expect(client().system.info()).resolves.toBeDefined();
      expect(sim.log.byOperation('getSystemInfo')).toHaveLength(2);
    });

    it('does not retry a POST that answered 503', async () => {
      sim.faults.inject({ operationId: 'createProject', status: 503 });
      await expect(
        client().projects.create({ project_name: 'never-created' }),
      ).rejects.toThrow(ServiceUnavailableError);
      expect(sim.log.byOperation('createProject')).toHaveLength(1);
      await expect(client().projects.exists('never-created')).resolves.toBe(
        false,
      );
    });

    it("maps a Harbor 404 to NotFoundError carrying Harbor's request id", async () => {
      const error = await caught(
        client()
          .withContext({ requestId: 'backstage-rid-42' })
          .projects.get('nope'),
      );
      expect(error).toBeInstanceOf(NotFoundError);
      const cause = getHarborApiError(error);
      expect(cause).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        requestId: 'backstage-rid-42',
        operation: 'getProject',
      });
      expect(cause?.harborMessage).toContain('nope');
      expect(sim.log.byOperation('getProject')[0].requestId).toBe(
        'backstage-rid-42',
      );
    });

    it('maps a 409 on a duplicate project to ConflictError', async () => {
      await expect(
        client().projects.create({ project_name: 'library' }),
      ).rejects.toThrow(ConflictError);
    });

    it('keeps at most maxConcurrency calls in flight', async () => {
      sim.faults.inject({
        operationId: 'getHealth',
        latencyMs: 30,
        always: true,
      });
      let inFlight = 0;
      let maxInFlight = 0;
      const counting = async (url: string, init: RequestInit) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await fetch(url, init);
        } finally {
          inFlight--;
        }
      };
      const harbor = client(undefined, { maxConcurrency: 2, fetch: counting });
      await Promise.all(
        Array.from({ length: 10 }, () => harbor.system.health()),
      );
      expect(sim.log.byOperation('getHealth')).toHaveLength(10);
      expect(maxInFlight).toBe(2);
    });

    it('never lets a credential reach a log line or an error', async () => {
      const { username, password } = sim.adminCredentials;
      const logger = mockServices.logger.mock();
      const harbor = client(
        { username, password },
        { logger, requestTimeoutMs: 200 },
      );
      sim.faults.inject({
        operationId: 'getHealth',
        status: 503,
        always: true,
      });
      sim.faults.inject({ operationId: 'getSystemInfo', hang: true });
      const errors = [
        await caught(harbor.system.health()),
        await caught(harbor.system.info()),
        await caught(harbor.projects.get('nope')),
        await caught(
          currentUser(
            client({ username, password: `${password}-wrong` }, { logger }),
          ),
        ),
      ];
      const logged = JSON.stringify(
        ['debug', 'info', 'warn', 'error'].map(
          level => (logger as any)[level].mock.calls,
        ),
      );
      expect((logger.debug as jest.Mock).mock.calls.length).toBeGreaterThan(0);
      const secrets = [
        password,
        `${username}:${password}`,
        Buffer.from(`${username}:${password}`).toString('base64'),
        Buffer.from(`${username}:${password}-wrong`).toString('base64'),
      ];
      for (const error of errors) {
        const text = [
          inspect(error, { depth: 10, showHidden: true }),
          JSON.stringify(error),
          JSON.stringify(getHarborApiError(error)),
          error.stack,
        ].join('\n');
        for (const secret of secrets) {
          expect(text).not.toContain(secret);
        }
      }
      for (const secret of secrets) expect(logged).not.toContain(secret);
    });
  });

  describe('vulnerabilities', () => {
    it('reads a v1.1 report', async () => {
      const reports = await client().artifacts.vulnerabilities(
        'library',
        'nginx',
        '1.24.0',
      );
      const picked = pickVulnerabilityReport(reports);
      expect(picked?.mimeType).toBe(VULNERABILITY_REPORT_V11_MIME_TYPE);
      expect(picked?.report.vulnerabilities?.length).toBeGreaterThan(0);
    });

    it('reads a report of the older adapter MIME type in a nested repository', async () => {
      const reports = await client().artifacts.vulnerabilities(
        'team-a',
        'batch/nightly-report',
        '2023.12',
      );
      expect(pickVulnerabilityReport(reports)?.mimeType).toBe(
        VULNERABILITY_REPORT_V10_MIME_TYPE,
      );
    });

    it('shows the scan overview of listed artifacts', async () => {
      const artifacts = await client().artifacts.list('library', 'nginx', {
        with_scan_overview: true,
      });
      expect(
        artifacts.some(
          a => a.scan_overview && Object.keys(a.scan_overview).length > 0,
        ),
      ).toBe(true);
    });

    it('starts a scan', async () => {
      await expect(
        client().request('scanArtifact', (api, init) =>
          api.POST(
            '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan',
            {
              ...init,
              params: {
                path: {
                  project_name: 'library',
                  repository_name: 'redis',
                  reference: '7.2',
                },
              },
            },
          ),
        ),
      ).resolves.toMatchObject({ response: { status: 202 } });
      expect(sim.log.byOperation('scanArtifact')[0].status).toBe(202);
    });
  });

  describe('system', () => {
    it('reads health, ping, system info, statistics, scanners and GC history', async () => {
      const harbor = client();
      await expect(harbor.system.health()).resolves.toMatchObject({
        status: expect.any(String),
      });
      await expect(ping(harbor)).resolves.toBe('Pong');
      await expect(harbor.system.info()).resolves.toMatchObject({
        harbor_version: expect.any(String),
      });
      await expect(
        harbor.request('getStatistic', (api, init) =>
          api.GET('/statistics', init),
        ),
      ).resolves.toMatchObject({
        data: { total_project_count: expect.any(Number) },
      });
      const scanners = await harbor.system.scanners();
      expect(scanners.length).toBeGreaterThan(0);
      await expect(
        harbor.request('getScannerOfProject', (api, init) =>
          api.GET('/projects/{project_name_or_id}/scanner', {
            ...init,
            params: {
              header: { 'X-Is-Resource-Name': true },
              path: { project_name_or_id: 'team-a' },
            },
          }),
        ),
      ).resolves.toMatchObject({ data: { uuid: scanners[0].uuid } });
      await expect(
        harbor.request('getGCHistory', (api, init) =>
          api.GET('/system/gc', init),
        ),
      ).resolves.toMatchObject({ data: expect.any(Array) });
    });
  });

  describe('provisioning', () => {
    // Reads and deletes the library's own code never makes, through the client's typed request.
    const byName = (project: string) => ({
      header: { 'X-Is-Resource-Name': true as const },
      path: { project_name_or_id: project },
    });
    const getRobot = async (harbor: HarborClient, id: number) =>
      (
        await harbor.request('GetRobotByID', (api, init) =>
          api.GET('/robots/{robot_id}', {
            ...init,
            params: { path: { robot_id: id } },
          }),
        )
      ).data;

    it('creates and configures a project end to end', async () => {
      const harbor = client();
      const name = `prov-${Date.now()}`;
      expect(await harbor.projects.exists(name)).toBe(false);
      const projectId = await harbor.projects.create({
        project_name: name,
        metadata: { public: 'false', auto_scan: 'true' },
        storage_limit: 1024 ** 3,
      });
      expect(typeof projectId).toBe('number');
      expect(await harbor.projects.exists(name)).toBe(true);
      await expect(harbor.projects.get(projectId)).resolves.toMatchObject({
        name,
      });
      await harbor.projects.update(name, {
        metadata: { prevent_vul: 'true', severity: 'high' },
      });
      await expect(harbor.projects.get(name)).resolves.toMatchObject({
        metadata: { prevent_vul: 'true' },
      });
      await expect(harbor.projects.summary(name)).resolves.toBeDefined();

      const quota = await harbor.quotas.findByProject(projectId);
      expect(quota?.ref).toMatchObject({ id: projectId });
      await harbor.quotas.update(quota!.id!, {
        hard: { storage: 2 * 1024 ** 3 },
      });
      await expect(
        harbor.request('getQuota', (api, init) =>
          api.GET('/quotas/{id}', {
            ...init,
            params: { path: { id: quota!.id! } },
          }),
        ),
      ).resolves.toMatchObject({ data: { hard: { storage: 2 * 1024 ** 3 } } });

      const robot = await harbor.robots.create({
        name: 'ci',
        level: 'project',
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: name,
            access: [{ resource: 'repository', action: 'pull' }],
          },
        ],
      });
      expect(robot.name).toBe(`robot$${name}+ci`);
      expect(robot.secret).toBeTruthy();
      // Harbor knows the robot's credentials: 412, a robot, rather than 401.
      const robotAccess = await caught(
        currentUser(client({ username: robot.name, password: robot.secret })),
      );
      expect(getHarborApiError(robotAccess)?.status).toBe(412);
      const robots = await harbor.robots.listByProject(projectId);
      expect(robots.map(r => r.name)).toEqual([robot.name]);
      const refreshed = await harbor.robots.refreshSecret(robot.id!);
      expect(refreshed.secret).toBeTruthy();
      const fetched = await getRobot(harbor, robot.id!);
      await harbor.robots.update(robot.id!, {
        ...fetched,
        description: 'CI pulls',
      });
      await expect(getRobot(harbor, robot.id!)).resolves.toMatchObject({
        description: 'CI pulls',
      });

      const selector = {
        kind: 'doublestar',
        decoration: 'repoMatches',
        pattern: '**',
      };
      const retentionId = await harbor.retention.create({
        algorithm: 'or',
        scope: { level: 'project', ref: projectId },
        trigger: { kind: 'Schedule', settings: { cron: '0 0 0 * * *' } },
        rules: [
          {
            action: 'retain',
            template: 'latestPushedK',
            params: { latestPushedK: 10 },
            tag_selectors: [
              { kind: 'doublestar', decoration: 'matches', pattern: '**' },
            ],
            scope_selectors: { repository: [selector] },
          },
        ],
      });
      const retention = await harbor.retention.get(retentionId);
      expect(retention.rules).toHaveLength(1);
      await harbor.retention.update(retentionId, { ...retention, rules: [] });

      const ruleId = await harbor.immutability.create(name, {
        action: 'immutable',
        template: 'immutable_template',
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'v*' },
        ],
        scope_selectors: { repository: [selector] },
      });
      await harbor.immutability.update(name, ruleId, {
        id: ruleId,
        action: 'immutable',
        template: 'immutable_template',
        disabled: true,
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'v*' },
        ],
        scope_selectors: { repository: [selector] },
      });
      expect(await harbor.immutability.list(name)).toMatchObject([
        { id: ruleId, disabled: true },
      ]);
      await harbor.request('DeleteImmuRule', (api, init) =>
        api.DELETE(
          '/projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}',
          {
            ...init,
            params: {
              header: byName(name).header,
              path: { ...byName(name).path, immutable_rule_id: ruleId },
            },
          },
        ),
      );

      const memberId = await harbor.members.create(name, {
        role_id: 2,
        member_user: { username: 'alice' },
      });
      await harbor.members.updateRole(name, memberId, 4);
      const members = await harbor.members.list(name);
      expect(members.find(m => m.id === memberId)).toMatchObject({
        entity_name: 'alice',
        role_id: 4,
      });
      await harbor.request('deleteProjectMember', (api, init) =>
        api.DELETE('/projects/{project_name_or_id}/members/{mid}', {
          ...init,
          params: {
            header: byName(name).header,
            path: { ...byName(name).path, mid: memberId },
          },
        }),
      );

      const webhookId = await harbor.webhooks.create(name, {
        name: 'ci',
        enabled: true,
        event_types: ['PUSH_ARTIFACT'],
        targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
      });
      await harbor.webhooks.update(name, webhookId, {
        name: 'ci',
        enabled: false,
        event_types: ['PUSH_ARTIFACT'],
        targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
      });
      expect(await harbor.webhooks.list(name)).toMatchObject([
        { id: webhookId, enabled: false },
      ]);
      await harbor.request('DeleteWebhookPolicyOfProject', (api, init) =>
        api.DELETE(
          '/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}',
          {
            ...init,
            params: {
              header: byName(name).header,
              path: { ...byName(name).path, webhook_policy_id: webhookId },
            },
          },
        ),
      );

      await harbor.request('DeleteRobot', (api, init) =>
        api.DELETE('/robots/{robot_id}', {
          ...init,
          params: { path: { robot_id: robot.id! } },
        }),
      );
      await harbor.projects.delete(name);
      expect(await harbor.projects.exists(name)).toBe(false);
    });

    it('sets up a pull replication from an old registry and follows its execution', async () => {
      const harbor = client();
      const registryName = `old-registry-${Date.now()}`;
      const registryId = await harbor.registries.create({
        name: registryName,
        type: 'docker-registry',
        url: 'https://old.example.com',
        insecure: false,
      });
      expect((await harbor.registries.list()).map(r => r.name)).toContain(
        registryName,
      );
      await harbor.registries.update(registryId, { description: 'legacy' });
      await expect(
        harbor.request('getRegistry', (api, init) =>
          api.GET('/registries/{id}', {
            ...init,
            params: { path: { id: registryId } },
          }),
        ),
      ).resolves.toMatchObject({ data: { description: 'legacy' } });

      const policyId = await harbor.replication.createPolicy({
        name: `${registryName}-pull`,
        src_registry: { id: registryId },
        dest_namespace: 'library',
        filters: [{ type: 'name', value: 'team/app' }],
        trigger: { type: 'manual' },
        enabled: true,
        override: true,
      });
      expect(
        (await harbor.replication.listPolicies()).map(p => p.id),
      ).toContain(policyId);
      const executionId = await harbor.replication.start(policyId);
      const execution = await harbor.replication.getExecution(executionId);
      expect(execution).toMatchObject({ id: executionId, policy_id: policyId });
      await expect(
        harbor.replication.latestExecution({ policy_id: policyId }),
      ).resolves.toMatchObject({ id: executionId });
      // A registry that a replication policy uses cannot be deleted (412).
      await expect(
        harbor.request('deleteRegistry', (api, init) =>
          api.DELETE('/registries/{id}', {
            ...init,
            params: { path: { id: registryId } },
          }),
        ),
      ).rejects.toThrow(ConflictError);
    });
  });
});
