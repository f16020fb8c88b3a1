import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { inspect } from 'node:util';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { testInstance } from '../__testUtils__/localServer';
import { HarborClient } from './HarborClient';
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
    it('tells a user, a robot and rejected credentials apart', async () => {
      await expect(client().verifyCredentials()).resolves.toMatchObject({
        kind: 'user',
        username: 'admin',
        sysadmin: true,
      });
      await expect(
        client({
          username: 'robot$backstage-reader',
          password: 'Reader12345secret',
        }).verifyCredentials(),
      ).resolves.toEqual({ kind: 'robot' });
      const error = await caught(
        client({ username: 'admin', password: 'wrong' }).verifyCredentials(),
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(
        'rejected the configured credentials (Harbor treats them as anonymous)',
      );
    });

    it('shows why: with wrong credentials Harbor lists only public projects instead of failing', async () => {
      const anonymous = await client({
        username: 'admin',
        password: 'wrong',
      }).listProjects();
      const admin = await client().listProjects();
      expect(anonymous.every(p => p.metadata?.public === 'true')).toBe(true);
      expect(admin.length).toBeGreaterThan(anonymous.length);
    });
  });

  describe('repository names', () => {
    it('reaches a nested repository with the name encoded twice', async () => {
      const harbor = client();
      const repository = await harbor.getRepository(
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
      const artifacts = await client().listArtifacts('platform', 'team/app', {
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
      const byName = await harbor.getProject('2024');
      expect(byName.name).toBe('2024');
      // Without X-Is-Resource-Name, Harbor reads "2024" as a project id.
      const bare = await fetch(`${sim.apiUrl}/projects/2024`, {
        headers: { authorization: basicAdmin() },
      });
      expect(bare.status).toBe(404);
      const library = await harbor.getProject('library');
      await expect(
        harbor.getProject(library.project_id!),
      ).resolves.toMatchObject({ name: 'library' });
    });
  });

  describe('paging', () => {
    it('returns every artifact when the repository has 250, in exactly 3 list calls', async () => {
      sim.addArtifacts({ project: 'sandbox', repository: 'many', count: 250 });
      const artifacts = await client().listArtifacts('sandbox', 'many', {
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
      const registryId = await harbor.createRegistry({
        name: `busy-registry-${counter}`,
        type: 'docker-registry',
        url: 'https://old.example.com',
      });
      const policyId = await harbor.createReplicationPolicy({
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
      const latest = await harbor.latestReplicationExecution({
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
      const two = await harbor.listReplicationExecutions(
        { policy_id: policyId },
        { pageSize: 20, maxPages: 2 },
      );
      expect(two).toHaveLength(40);
      expect(sim.log.count('listReplicationExecutions')).toBe(2);
      sim.clearLog();
      const all = await harbor.listReplicationExecutions({
        policy_id: policyId,
      });
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
        await expect(client().latestGcRun()).resolves.toMatchObject({
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
    it('times out a call that Harbor never answers', async () => {
      sim.faults.inject({ operationId: 'getHealth', hang: true });
      const started = Date.now();
      const error = await caught(
        client(undefined, { requestTimeoutMs: 200 }).health(),
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
      await expect(client().getProject('library')).resolves.toMatchObject({
        name: 'library',
      });
      expect(sim.log.byOperation('getProject').map(e => e.status)).toEqual([
        503, 200,
      ]);
    });

    it('retries a GET whose connection was reset', async () => {
      sim.faults.inject({ operationId: 'getSystemInfo', reset: true });
      await expect(client().systemInfo()).resolves.toBeDefined();
      expect(sim.log.byOperation('getSystemInfo')).toHaveLength(2);
    });

    it('does not retry a POST that answered 503', async () => {
      sim.faults.inject({ operationId: 'createProject', status: 503 });
      await expect(
        client().createProject({ project_name: 'never-created' }),
      ).rejects.toThrow(ServiceUnavailableError);
      expect(sim.log.byOperation('createProject')).toHaveLength(1);
      await expect(client().projectExists('never-created')).resolves.toBe(
        false,
      );
    });

    it("maps a Harbor 404 to NotFoundError carrying Harbor's request id", async () => {
      const error = await caught(
        client()
          .withContext({ requestId: 'backstage-rid-42' })
          .getProject('nope'),
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
        client().createProject({ project_name: 'library' }),
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
      await Promise.all(Array.from({ length: 10 }, () => harbor.health()));
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
        await caught(harbor.health()),
        await caught(harbor.systemInfo()),
        await caught(harbor.getProject('nope')),
        await caught(
          client(
            { username, password: `${password}-wrong` },
            { logger },
          ).verifyCredentials(),
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
      const reports = await client().getVulnerabilities(
        'library',
        'nginx',
        '1.24.0',
      );
      const picked = pickVulnerabilityReport(reports);
      expect(picked?.mimeType).toBe(VULNERABILITY_REPORT_V11_MIME_TYPE);
      expect(picked?.report.vulnerabilities?.length).toBeGreaterThan(0);
    });

    it('reads a report of the older adapter MIME type in a nested repository', async () => {
      const reports = await client().getVulnerabilities(
        'team-a',
        'batch/nightly-report',
        '2023.12',
      );
      expect(pickVulnerabilityReport(reports)?.mimeType).toBe(
        VULNERABILITY_REPORT_V10_MIME_TYPE,
      );
    });

    it('shows the scan overview of listed artifacts', async () => {
      const artifacts = await client().listArtifacts('library', 'nginx', {
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
        client().scanArtifact('library', 'redis', '7.2'),
      ).resolves.toBeUndefined();
      expect(sim.log.byOperation('scanArtifact')[0].status).toBe(202);
    });
  });

  describe('system', () => {
    it('reads health, ping, system info, statistics, scanners and GC history', async () => {
      const harbor = client();
      await expect(harbor.health()).resolves.toMatchObject({
        status: expect.any(String),
      });
      await expect(harbor.ping()).resolves.toBe('Pong');
      await expect(harbor.systemInfo()).resolves.toMatchObject({
        harbor_version: expect.any(String),
      });
      await expect(harbor.statistics()).resolves.toMatchObject({
        total_project_count: expect.any(Number),
      });
      const scanners = await harbor.listScanners();
      expect(scanners.length).toBeGreaterThan(0);
      await expect(harbor.getProjectScanner('team-a')).resolves.toMatchObject({
        uuid: scanners[0].uuid,
      });
      await expect(harbor.listGcHistory()).resolves.toEqual(expect.any(Array));
    });
  });

  describe('provisioning', () => {
    it('creates and configures a project end to end', async () => {
      const harbor = client();
      const name = `prov-${Date.now()}`;
      expect(await harbor.projectExists(name)).toBe(false);
      const projectId = await harbor.createProject({
        project_name: name,
        metadata: { public: 'false', auto_scan: 'true' },
        storage_limit: 1024 ** 3,
      });
      expect(typeof projectId).toBe('number');
      expect(await harbor.projectExists(name)).toBe(true);
      await expect(harbor.getProject(projectId)).resolves.toMatchObject({
        name,
      });
      await harbor.updateProject(name, {
        metadata: { prevent_vul: 'true', severity: 'high' },
      });
      await expect(harbor.getProject(name)).resolves.toMatchObject({
        metadata: { prevent_vul: 'true' },
      });
      await expect(harbor.getProjectSummary(name)).resolves.toBeDefined();

      const quota = await harbor.findProjectQuota(projectId);
      expect(quota?.ref).toMatchObject({ id: projectId });
      await harbor.updateQuota(quota!.id!, {
        hard: { storage: 2 * 1024 ** 3 },
      });
      await expect(harbor.getQuota(quota!.id!)).resolves.toMatchObject({
        hard: { storage: 2 * 1024 ** 3 },
      });

      const robot = await harbor.createRobot({
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
      await expect(
        client({
          username: robot.name,
          password: robot.secret,
        }).verifyCredentials(),
      ).resolves.toEqual({ kind: 'robot' });
      const robots = await harbor.listProjectRobots(projectId);
      expect(robots.map(r => r.name)).toEqual([robot.name]);
      const refreshed = await harbor.refreshRobotSecret(robot.id!);
      expect(refreshed.secret).toBeTruthy();
      const fetched = await harbor.getRobot(robot.id!);
      await harbor.updateRobot(robot.id!, {
        ...fetched,
        description: 'CI pulls',
      });
      await expect(harbor.getRobot(robot.id!)).resolves.toMatchObject({
        description: 'CI pulls',
      });

      const selector = {
        kind: 'doublestar',
        decoration: 'repoMatches',
        pattern: '**',
      };
      const retentionId = await harbor.createRetention({
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
      const retention = await harbor.getRetention(retentionId);
      expect(retention.rules).toHaveLength(1);
      await harbor.updateRetention(retentionId, { ...retention, rules: [] });

      const ruleId = await harbor.createImmutableRule(name, {
        action: 'immutable',
        template: 'immutable_template',
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'v*' },
        ],
        scope_selectors: { repository: [selector] },
      });
      await harbor.updateImmutableRule(name, ruleId, {
        id: ruleId,
        action: 'immutable',
        template: 'immutable_template',
        disabled: true,
        tag_selectors: [
          { kind: 'doublestar', decoration: 'matches', pattern: 'v*' },
        ],
        scope_selectors: { repository: [selector] },
      });
      expect(await harbor.listImmutableRules(name)).toMatchObject([
        { id: ruleId, disabled: true },
      ]);
      await harbor.deleteImmutableRule(name, ruleId);

      const memberId = await harbor.createProjectMember(name, {
        role_id: 2,
        member_user: { username: 'alice' },
      });
      await harbor.updateProjectMember(name, memberId, 4);
      const members = await harbor.listProjectMembers(name);
      expect(members.find(m => m.id === memberId)).toMatchObject({
        entity_name: 'alice',
        role_id: 4,
      });
      await harbor.deleteProjectMember(name, memberId);

      const webhookId = await harbor.createWebhookPolicy(name, {
        name: 'ci',
        enabled: true,
        event_types: ['PUSH_ARTIFACT'],
        targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
      });
      await harbor.updateWebhookPolicy(name, webhookId, {
        name: 'ci',
        enabled: false,
        event_types: ['PUSH_ARTIFACT'],
        targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
      });
      expect(await harbor.listWebhookPolicies(name)).toMatchObject([
        { id: webhookId, enabled: false },
      ]);
      await harbor.deleteWebhookPolicy(name, webhookId);

      await harbor.deleteRobot(robot.id!);
      await harbor.deleteProject(name);
      expect(await harbor.projectExists(name)).toBe(false);
    });

    it('sets up a pull replication from an old registry and follows its execution', async () => {
      const harbor = client();
      const registryName = `old-registry-${Date.now()}`;
      const registryId = await harbor.createRegistry({
        name: registryName,
        type: 'docker-registry',
        url: 'https://old.example.com',
        insecure: false,
      });
      expect((await harbor.listRegistries()).map(r => r.name)).toContain(
        registryName,
      );
      await harbor.updateRegistry(registryId, { description: 'legacy' });
      await expect(harbor.getRegistry(registryId)).resolves.toMatchObject({
        description: 'legacy',
      });

      const policyId = await harbor.createReplicationPolicy({
        name: `${registryName}-pull`,
        src_registry: { id: registryId },
        dest_namespace: 'library',
        filters: [{ type: 'name', value: 'team/app' }],
        trigger: { type: 'manual' },
        enabled: true,
        override: true,
      });
      expect((await harbor.listReplicationPolicies()).map(p => p.id)).toContain(
        policyId,
      );
      const executionId = await harbor.startReplication(policyId);
      const execution = await harbor.getReplicationExecution(executionId);
      expect(execution).toMatchObject({ id: executionId, policy_id: policyId });
      expect(
        (await harbor.listReplicationExecutions({ policy_id: policyId })).map(
          e => e.id,
        ),
      ).toContain(executionId);
      await expect(harbor.deleteRegistry(registryId)).rejects.toThrow(
        ConflictError,
      );
    });
  });
});
