import type { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { HarborInstanceConfig } from '../config';
import type { components, paths } from '../generated/harbor';
import { repositoryPathParam } from './encoding';
import {
  HarborApiError,
  getHarborApiError,
  parseHarborErrors,
  toBackstageError,
} from './errors';
import { idFromLocation } from './location';
import { HarborPage, ListAllOptions, listAll } from './pagination';
import {
  HarborRetryOptions,
  createRetryPolicy,
  networkErrorCode,
} from './retry';
import {
  HarborFetch,
  HarborTimeoutError,
  createTransport,
  instanceLimiter,
  pathOf,
} from './transport';
import type {
  HarborArtifact,
  HarborArtifactGetOptions,
  HarborArtifactListOptions,
  HarborGCHistory,
  HarborGeneralInfo,
  HarborIdentity,
  HarborImmutableRule,
  HarborLabel,
  HarborListQuery,
  HarborOverallHealthStatus,
  HarborProject,
  HarborProjectDeletable,
  HarborProjectMember,
  HarborProjectMemberEntity,
  HarborProjectRef,
  HarborProjectReq,
  HarborProjectSummary,
  HarborQuota,
  HarborQuotaUpdateReq,
  HarborRegistry,
  HarborRegistryPing,
  HarborRegistryUpdate,
  HarborReplicationExecution,
  HarborReplicationPolicy,
  HarborRepository,
  HarborRetentionMetadata,
  HarborRetentionPolicy,
  HarborRobot,
  HarborRobotCreate,
  HarborRobotCreated,
  HarborRobotSec,
  HarborScanType,
  HarborScannerRegistration,
  HarborStatistic,
  HarborSupportedWebhookEventTypes,
  HarborUserResp,
  HarborWebhookPolicy,
} from './types';
import {
  DEFAULT_ACCEPT_VULNERABILITIES,
  HarborVulnerabilityReports,
  parseVulnerabilityAddition,
} from './vulnerabilities';

/**
 * How to create a {@link HarborClient}.
 * @public
 */
export interface HarborClientOptions {
  /** The instance to talk to, from `HarborInstances`. */
  instance: HarborInstanceConfig;
  /** Receives debug lines about retries; never a credential. */
  logger?: LoggerService;
  /** The fetch to send requests with; `globalThis.fetch` by default. */
  fetch?: HarborFetch;
  /** Retries of idempotent calls on 502/503/504 and dropped connections. */
  retry?: HarborRetryOptions;
  /** Overrides the instance's `requestTimeoutMs`. */
  requestTimeoutMs?: number;
}

/**
 * Per-call context: the `X-Request-Id` to send (the Backstage request's, for correlation in Harbor's log; a new
 * UUID per call otherwise) and a signal to cancel with.
 * @public
 */
export interface HarborRequestContext {
  requestId?: string;
  signal?: AbortSignal;
}

/** What every openapi-fetch call gets: the request id, the signal, and a recorder of the request line. */
/**
 * What each call hands to openapi-fetch besides its parameters: the request id header, the signal, and a
 * middleware that records the request line for error messages.
 * @public
 */
export type HarborCallInit = {
  headers: Record<string, string>;
  signal?: AbortSignal;
  middleware: Middleware[];
};

// The spec's forms of the types widened in ./types (see HarborRetentionRule).
type SpecRetentionPolicy = components['schemas']['RetentionPolicy'];
type SpecImmutableRule = components['schemas']['ImmutableRule'];

/**
 * What an openapi-fetch call resolves to, as `request` and its helpers receive it.
 * @public
 */
export type HarborCallResult<D> = Promise<{
  data?: D;
  error?: unknown;
  response: Response;
}>;

/** One page of one item: the first of a sorted list, in one request. */
const LATEST: ListAllOptions = { pageSize: 1, maxPages: 1 };

/** `X-Is-Resource-Name` for a project passed by name; Harbor treats a numeric path value as an id otherwise. */
function projectParams(project: HarborProjectRef) {
  return typeof project === 'number'
    ? { header: {}, path: { project_name_or_id: String(project) } }
    : {
        header: { 'X-Is-Resource-Name': true },
        path: { project_name_or_id: project },
      };
}

/**
 * A client of one Harbor instance's v2.0 API, over the types generated from the official spec.
 *
 * Every call sends Basic auth and an `X-Request-Id`, never a cookie; is bounded by the per-request timeout and
 * the instance-wide concurrency cap; retries idempotent calls on passing gateway failures; and throws
 * `@backstage/errors` classes whose `cause` is a {@link HarborApiError}. List methods return every item (or the
 * pages their `ListAllOptions` allow); `latest…` methods read one item in one request.
 * @public
 */
export class HarborClient {
  static create(options: HarborClientOptions): HarborClient {
    const { instance } = options;
    const transport = createTransport({
      instance,
      fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      limiter: instanceLimiter(instance),
      timeoutMs: options.requestTimeoutMs ?? instance.requestTimeoutMs,
      retry: createRetryPolicy(options.retry),
      logger: options.logger,
    });
    const api = createClient<paths>({
      baseUrl: `${instance.baseUrl}/api/v2.0`,
      fetch: transport,
    });
    return new HarborClient(instance, api, {}, secretsOf(instance));
  }

  readonly #api: Client<paths>;
  readonly #context: HarborRequestContext;
  readonly #secrets: string[];
  readonly #apiPrefix: string;

  private constructor(
    readonly instance: HarborInstanceConfig,
    api: Client<paths>,
    context: HarborRequestContext,
    secrets: string[],
  ) {
    this.#api = api;
    this.#context = context;
    this.#secrets = secrets;
    this.#apiPrefix = new URL(`${instance.baseUrl}/api/v2.0`).pathname;
  }

  /** A client of the same instance, sharing its connection settings and concurrency cap, with this context. */
  withContext(context: HarborRequestContext): HarborClient {
    return new HarborClient(
      this.instance,
      this.#api,
      { ...this.#context, ...context },
      this.#secrets,
    );
  }

  /**
   * Runs any spec operation through the typed openapi-fetch client with this client's error mapping, for the
   * operations that have no method here. `operation` is the spec's operationId, used in error messages.
   */
  async request<D>(
    operation: string,
    send: (api: Client<paths>, init: HarborCallInit) => HarborCallResult<D>,
  ): Promise<{ data: D; response: Response }> {
    const requestId = this.#context.requestId ?? randomUUID();
    const line = { method: '', path: '' };
    const recorder: Middleware = {
      onRequest: ({ request }) => {
        line.method = request.method;
        const path = pathOf(request.url);
        line.path = path.startsWith(this.#apiPrefix)
          ? path.slice(this.#apiPrefix.length)
          : path;
        return undefined;
      },
    };
    const init: HarborCallInit = {
      headers: { 'X-Request-Id': requestId },
      signal: this.#context.signal,
      middleware: [recorder],
    };
    let result: Awaited<HarborCallResult<D>>;
    try {
      result = await send(this.#api, init);
    } catch (error) {
      if (this.#context.signal?.aborted) throw error;
      const timeout = error instanceof HarborTimeoutError;
      throw toBackstageError(
        this.#apiError(operation, line, {
          kind: timeout ? 'timeout' : 'network',
          requestId,
          networkCode: timeout ? undefined : networkErrorCode(error),
          detail: this.#redact(
            timeout ? error.message : describeNetworkError(error),
          ),
        }),
      );
    }
    const { response } = result;
    if (!response.ok) {
      const errors = parseHarborErrors(result.error).map(e => ({
        code: e.code,
        message: e.message === undefined ? undefined : this.#redact(e.message),
      }));
      throw toBackstageError(
        this.#apiError(operation, line, {
          kind:
            response.status >= 300 && response.status < 400
              ? 'redirect'
              : 'response',
          status: response.status,
          errors,
          requestId: response.headers.get('x-request-id') ?? requestId,
        }),
      );
    }
    return { data: result.data as D, response };
  }

  #apiError(
    operation: string,
    line: { method: string; path: string },
    details: Pick<
      ConstructorParameters<typeof HarborApiError>[0],
      'kind' | 'status' | 'errors' | 'requestId' | 'networkCode' | 'detail'
    >,
  ): HarborApiError {
    return new HarborApiError({
      instance: this.instance.name,
      host: new URL(this.instance.baseUrl).host,
      operation,
      method: line.method || '?',
      path: line.path || '?',
      authenticated: this.instance.username !== undefined,
      ...details,
    });
  }

  #redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.split(secret).join('[redacted]');
    }
    return result;
  }

  async #data<D>(
    operation: string,
    send: (api: Client<paths>, init: HarborCallInit) => HarborCallResult<D>,
  ) {
    return (await this.request(operation, send)).data;
  }

  async #created(
    operation: string,
    send: (
      api: Client<paths>,
      init: HarborCallInit,
    ) => HarborCallResult<unknown>,
  ) {
    const { response } = await this.request(operation, send);
    const id = idFromLocation(response.headers.get('location'));
    if (id === undefined) {
      throw new Error(
        `Harbor instance '${this.instance.name}' answered ${operation} without a numeric id in its Location header`,
      );
    }
    return id;
  }

  async #all<T>(
    operation: string,
    send: (
      api: Client<paths>,
      init: HarborCallInit,
      page: { page: number; page_size: number },
    ) => HarborCallResult<T[]>,
    options?: ListAllOptions,
  ): Promise<T[]> {
    return listAll<T>(async (page, pageSize): Promise<HarborPage<T>> => {
      const { data, response } = await this.request<T[]>(
        operation,
        (api, init) => send(api, init, { page, page_size: pageSize }),
      );
      return { items: data ?? [], response };
    }, options);
  }

  // ---------------------------------------------------------------- system

  /** `GET /health`. Harbor answers 200 even when unhealthy: read `status` and `components` (harbor#16406). */
  async health(): Promise<HarborOverallHealthStatus> {
    return this.#data('getHealth', (api, init) => api.GET('/health', init));
  }

  /** `GET /ping`: `Pong` when the core API process is up. Needs no credentials. */
  async ping(): Promise<string> {
    return this.#data('getPing', (api, init) =>
      api.GET('/ping', { ...init, parseAs: 'text' }),
    );
  }

  /** `GET /systeminfo`. Anonymous callers get fewer fields (no `harbor_version`). */
  async systemInfo(): Promise<HarborGeneralInfo> {
    return this.#data('getSystemInfo', (api, init) =>
      api.GET('/systeminfo', init),
    );
  }

  /** `GET /statistics`. The totals are filled only for sysadmin users, never for robots. */
  async statistics(): Promise<HarborStatistic> {
    return this.#data('getStatistic', (api, init) =>
      api.GET('/statistics', init),
    );
  }

  /** `GET /system/gc`: garbage collection runs, every page unless `options` limit them. */
  async listGcHistory(
    query: HarborListQuery<'getGCHistory'> = {},
    options?: ListAllOptions,
  ): Promise<HarborGCHistory[]> {
    return this.#all(
      'getGCHistory',
      (api, init, page) =>
        api.GET('/system/gc', {
          ...init,
          params: { query: { ...query, ...page } },
        }),
      options,
    );
  }

  /**
   * The newest garbage collection run, in one request of one item; `undefined` if GC never ran. No `sort` is
   * sent: Harbor lists GC runs as executions, newest first by default (`start_time`, shown as `creation_time`),
   * and sorts them only by execution columns, so `sort=-creation_time` would be ignored (handler/gc.go).
   */
  async latestGcRun(): Promise<HarborGCHistory | undefined> {
    const [latest] = await this.listGcHistory({}, LATEST);
    return latest;
  }

  /** `GET /users/current`. 412 for a robot account, 401 for anonymous callers. */
  async getCurrentUser(): Promise<HarborUserResp> {
    return this.#data('getCurrentUserInfo', (api, init) =>
      api.GET('/users/current', init),
    );
  }

  /**
   * Checks that Harbor accepts the configured credentials. Needed because Harbor treats bad credentials as an
   * anonymous caller and answers most reads with 200 and public data only (harbor#12730, quality-time#6525).
   * `GET /users/current` answers 200 for a user, 412 for a robot, 401 for anonymous.
   */
  async verifyCredentials(): Promise<HarborIdentity> {
    if (this.instance.username === undefined) return { kind: 'anonymous' };
    try {
      const user = await this.getCurrentUser();
      return {
        kind: 'user',
        username: user.username ?? '',
        sysadmin: user.sysadmin_flag === true,
        userId: user.user_id,
      };
    } catch (error) {
      const cause = getHarborApiError(error);
      if (cause?.status === 412) return { kind: 'robot' };
      if (cause?.status === 401) {
        throw new AuthenticationError(
          `Harbor instance '${this.instance.name}' rejected the configured credentials (Harbor treats them as anonymous); check harbor username and password`,
          cause,
        );
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------- projects

  /** `HEAD /projects?project_name=`: whether the project exists (401 for anonymous callers). */
  async projectExists(projectName: string): Promise<boolean> {
    try {
      await this.request('headProject', (api, init) =>
        api.HEAD('/projects', {
          ...init,
          params: { query: { project_name: projectName } },
        }),
      );
      return true;
    } catch (error) {
      if (getHarborApiError(error)?.status === 404) return false;
      throw error;
    }
  }

  async getProject(project: HarborProjectRef): Promise<HarborProject> {
    return this.#data('getProject', (api, init) =>
      api.GET('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `GET /projects`, every page. Set `with_detail: false` for speed. */
  async listProjects(
    query: HarborListQuery<'listProjects'> = {},
  ): Promise<HarborProject[]> {
    return this.#all('listProjects', (api, init, page) =>
      api.GET('/projects', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  /**
   * `POST /projects`; returns the new project's id. `storage_limit` is honoured only for callers with
   * system-level `project:create`; omit `metadata.retention_id` (harbor#18118).
   */
  async createProject(project: HarborProjectReq): Promise<number> {
    return this.#created('createProject', (api, init) =>
      api.POST('/projects', { ...init, body: project }),
    );
  }

  /** `PUT /projects/{p}`: updates metadata and the CVE allowlist only; use {@link HarborClient.updateQuota} for storage. */
  async updateProject(
    project: HarborProjectRef,
    update: HarborProjectReq,
  ): Promise<void> {
    await this.request('updateProject', (api, init) =>
      api.PUT('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
        body: update,
      }),
    );
  }

  /** `DELETE /projects/{p}`. A `ConflictError` (412) while the project still has repositories. */
  async deleteProject(project: HarborProjectRef): Promise<void> {
    await this.request('deleteProject', (api, init) =>
      api.DELETE('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  async getProjectDeletable(
    project: HarborProjectRef,
  ): Promise<HarborProjectDeletable> {
    return this.#data('getProjectDeletable', (api, init) =>
      api.GET('/projects/{project_name_or_id}/_deletable', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `GET /projects/{p}/summary`: the project-scoped way to read quota usage and member counts. */
  async getProjectSummary(
    project: HarborProjectRef,
  ): Promise<HarborProjectSummary> {
    return this.#data('getProjectSummary', (api, init) =>
      api.GET('/projects/{project_name_or_id}/summary', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `GET /projects/{p}/metadatas/`: every metadata value, all strings. */
  async listProjectMetadata(
    project: HarborProjectRef,
  ): Promise<Record<string, string>> {
    return this.#data('listProjectMetadatas', (api, init) =>
      api.GET('/projects/{project_name_or_id}/metadatas/', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `POST /projects/{p}/metadatas/`. A `ConflictError` when a key exists. */
  async addProjectMetadata(
    project: HarborProjectRef,
    metadata: Record<string, string>,
  ): Promise<void> {
    await this.request('addProjectMetadatas', (api, init) =>
      api.POST('/projects/{project_name_or_id}/metadatas/', {
        ...init,
        params: projectParams(project),
        body: metadata,
      }),
    );
  }

  async updateProjectMetadata(
    project: HarborProjectRef,
    name: string,
    value: string,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('updateProjectMetadata', (api, init) =>
      api.PUT('/projects/{project_name_or_id}/metadatas/{meta_name}', {
        ...init,
        params: {
          header: params.header,
          path: { ...params.path, meta_name: name },
        },
        body: { [name]: value },
      }),
    );
  }

  /** `DELETE /projects/{p}/metadatas/{name}`, e.g. a stale `retention_id` on Harbor before 2.14 (harbor#19961). */
  async deleteProjectMetadata(
    project: HarborProjectRef,
    name: string,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('deleteProjectMetadata', (api, init) =>
      api.DELETE('/projects/{project_name_or_id}/metadatas/{meta_name}', {
        ...init,
        params: {
          header: params.header,
          path: { ...params.path, meta_name: name },
        },
      }),
    );
  }

  // ---------------------------------------------------------------- quotas

  /**
   * The storage quota of a project, found by `reference_id` (the quota id is not the project id, harbor#12876).
   * Needs system-level `quota:read`.
   */
  async findProjectQuota(projectId: number): Promise<HarborQuota | undefined> {
    const quotas = await this.#data('listQuotas', (api, init) =>
      api.GET('/quotas', {
        ...init,
        params: {
          query: { reference: 'project', reference_id: String(projectId) },
        },
      }),
    );
    return quotas.find(q => q.ref?.id === projectId) ?? quotas[0];
  }

  async getQuota(quotaId: number): Promise<HarborQuota> {
    return this.#data('getQuota', (api, init) =>
      api.GET('/quotas/{id}', { ...init, params: { path: { id: quotaId } } }),
    );
  }

  /** `PUT /quotas/{id}` with `{hard:{storage: bytes | -1}}`. Needs system-level `quota:update`. */
  async updateQuota(
    quotaId: number,
    update: HarborQuotaUpdateReq,
  ): Promise<void> {
    await this.request('updateQuota', (api, init) =>
      api.PUT('/quotas/{id}', {
        ...init,
        params: { path: { id: quotaId } },
        body: update,
      }),
    );
  }

  // ---------------------------------------------------------------- robots

  /** `GET /robots`, every page; `q` like `Level=system` or `name=~ci`. */
  async listRobots(
    query: HarborListQuery<'ListRobot'> = {},
  ): Promise<HarborRobot[]> {
    return this.#all('ListRobot', (api, init, page) =>
      api.GET('/robots', { ...init, params: { query: { ...query, ...page } } }),
    );
  }

  /** The project-level robots of a project (`q=Level=project,ProjectID=<id>`; names are `robot$<project>+<name>`). */
  async listProjectRobots(projectId: number): Promise<HarborRobot[]> {
    return this.listRobots({ q: `Level=project,ProjectID=${projectId}` });
  }

  /**
   * `POST /robots`. The answer holds the only copy of the secret Harbor will ever give (harbor#10096): store it
   * at once. A `secret` in the body is ignored by Harbor; use {@link HarborClient.refreshRobotSecret} after.
   */
  async createRobot(robot: HarborRobotCreate): Promise<HarborRobotCreated> {
    return this.#data('CreateRobot', (api, init) =>
      api.POST('/robots', { ...init, body: robot }),
    );
  }

  async getRobot(robotId: number): Promise<HarborRobot> {
    return this.#data('GetRobotByID', (api, init) =>
      api.GET('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
      }),
    );
  }

  /** `PUT /robots/{id}` with the full robot; name, level and project cannot change. */
  async updateRobot(robotId: number, robot: HarborRobot): Promise<void> {
    await this.request('UpdateRobot', (api, init) =>
      api.PUT('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
        body: robot,
      }),
    );
  }

  /**
   * `PATCH /robots/{id}`: without `secret` Harbor generates one and returns it; a chosen secret (8–128 chars,
   * upper, lower and digit) is answered with an empty one. Does not extend the expiry (harbor#22256).
   */
  async refreshRobotSecret(
    robotId: number,
    secret?: string,
  ): Promise<HarborRobotSec> {
    return this.#data('RefreshSec', (api, init) =>
      api.PATCH('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
        body: { secret: secret ?? '' },
      }),
    );
  }

  async deleteRobot(robotId: number): Promise<void> {
    await this.request('DeleteRobot', (api, init) =>
      api.DELETE('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
      }),
    );
  }

  // ---------------------------------------------------------------- retention

  /** `GET /retentions/metadatas`: the rule templates and selectors this Harbor offers. */
  async getRetentionMetadata(): Promise<HarborRetentionMetadata> {
    return this.#data('getRentenitionMetadata', (api, init) =>
      api.GET('/retentions/metadatas', init),
    );
  }

  /** The policy id of a project is its `metadata.retention_id`. */
  async getRetention(retentionId: number): Promise<HarborRetentionPolicy> {
    return this.#data('getRetention', (api, init) =>
      api.GET('/retentions/{id}', {
        ...init,
        params: { path: { id: retentionId } },
      }),
    );
  }

  /** `POST /retentions`; one policy per project (400 otherwise), so check `metadata.retention_id` first. */
  async createRetention(policy: HarborRetentionPolicy): Promise<number> {
    return this.#created('createRetention', (api, init) =>
      api.POST('/retentions', { ...init, body: policy as SpecRetentionPolicy }),
    );
  }

  async updateRetention(
    retentionId: number,
    policy: HarborRetentionPolicy,
  ): Promise<void> {
    await this.request('updateRetention', (api, init) =>
      api.PUT('/retentions/{id}', {
        ...init,
        params: { path: { id: retentionId } },
        body: policy as SpecRetentionPolicy,
      }),
    );
  }

  async deleteRetention(retentionId: number): Promise<void> {
    await this.request('deleteRetention', (api, init) =>
      api.DELETE('/retentions/{id}', {
        ...init,
        params: { path: { id: retentionId } },
      }),
    );
  }

  // ---------------------------------------------------------------- immutability rules

  async listImmutableRules(
    project: HarborProjectRef,
  ): Promise<HarborImmutableRule[]> {
    const params = projectParams(project);
    return this.#all('ListImmuRules', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/immutabletagrules', {
        ...init,
        params: { ...params, query: page },
      }),
    );
  }

  async createImmutableRule(
    project: HarborProjectRef,
    rule: HarborImmutableRule,
  ): Promise<number> {
    return this.#created('CreateImmuRule', (api, init) =>
      api.POST('/projects/{project_name_or_id}/immutabletagrules', {
        ...init,
        params: projectParams(project),
        body: rule as SpecImmutableRule,
      }),
    );
  }

  async updateImmutableRule(
    project: HarborProjectRef,
    ruleId: number,
    rule: HarborImmutableRule,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('UpdateImmuRule', (api, init) =>
      api.PUT(
        '/projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}',
        {
          ...init,
          params: {
            header: params.header,
            path: { ...params.path, immutable_rule_id: ruleId },
          },
          body: rule as SpecImmutableRule,
        },
      ),
    );
  }

  async deleteImmutableRule(
    project: HarborProjectRef,
    ruleId: number,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('DeleteImmuRule', (api, init) =>
      api.DELETE(
        '/projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}',
        {
          ...init,
          params: {
            header: params.header,
            path: { ...params.path, immutable_rule_id: ruleId },
          },
        },
      ),
    );
  }

  // ---------------------------------------------------------------- members

  async listProjectMembers(
    project: HarborProjectRef,
    query: HarborListQuery<'listProjectMembers'> = {},
  ): Promise<HarborProjectMemberEntity[]> {
    const params = projectParams(project);
    return this.#all('listProjectMembers', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/members', {
        ...init,
        params: { ...params, query: { ...query, ...page } },
      }),
    );
  }

  /** `POST /projects/{p}/members`; LDAP/OIDC users and groups are onboarded on the way. 409 when already a member. */
  async createProjectMember(
    project: HarborProjectRef,
    member: HarborProjectMember,
  ): Promise<number> {
    return this.#created('createProjectMember', (api, init) =>
      api.POST('/projects/{project_name_or_id}/members', {
        ...init,
        params: projectParams(project),
        body: member,
      }),
    );
  }

  /** Role ids: 1 projectAdmin, 2 developer, 3 guest, 4 maintainer, 5 limitedGuest. */
  async updateProjectMember(
    project: HarborProjectRef,
    memberId: number,
    roleId: number,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('updateProjectMember', (api, init) =>
      api.PUT('/projects/{project_name_or_id}/members/{mid}', {
        ...init,
        params: {
          header: params.header,
          path: { ...params.path, mid: memberId },
        },
        body: { role_id: roleId },
      }),
    );
  }

  async deleteProjectMember(
    project: HarborProjectRef,
    memberId: number,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('deleteProjectMember', (api, init) =>
      api.DELETE('/projects/{project_name_or_id}/members/{mid}', {
        ...init,
        params: {
          header: params.header,
          path: { ...params.path, mid: memberId },
        },
      }),
    );
  }

  // ---------------------------------------------------------------- webhooks

  async listWebhookPolicies(
    project: HarborProjectRef,
  ): Promise<HarborWebhookPolicy[]> {
    const params = projectParams(project);
    return this.#all('ListWebhookPoliciesOfProject', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/webhook/policies', {
        ...init,
        params: { ...params, query: page },
      }),
    );
  }

  /** 409 on a duplicate name, though the spec does not declare it. */
  async createWebhookPolicy(
    project: HarborProjectRef,
    policy: HarborWebhookPolicy,
  ): Promise<number> {
    return this.#created('CreateWebhookPolicyOfProject', (api, init) =>
      api.POST('/projects/{project_name_or_id}/webhook/policies', {
        ...init,
        params: projectParams(project),
        body: policy,
      }),
    );
  }

  async updateWebhookPolicy(
    project: HarborProjectRef,
    policyId: number,
    policy: HarborWebhookPolicy,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('UpdateWebhookPolicyOfProject', (api, init) =>
      api.PUT(
        '/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}',
        {
          ...init,
          params: {
            header: params.header,
            path: { ...params.path, webhook_policy_id: policyId },
          },
          body: policy,
        },
      ),
    );
  }

  async deleteWebhookPolicy(
    project: HarborProjectRef,
    policyId: number,
  ): Promise<void> {
    const params = projectParams(project);
    await this.request('DeleteWebhookPolicyOfProject', (api, init) =>
      api.DELETE(
        '/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}',
        {
          ...init,
          params: {
            header: params.header,
            path: { ...params.path, webhook_policy_id: policyId },
          },
        },
      ),
    );
  }

  /** The event types, notify types and payload formats this Harbor supports for webhooks. */
  async getWebhookEventTypes(
    project: HarborProjectRef,
  ): Promise<HarborSupportedWebhookEventTypes> {
    return this.#data('GetSupportedEventTypes', (api, init) =>
      api.GET('/projects/{project_name_or_id}/webhook/events', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  // ---------------------------------------------------------------- repositories and artifacts

  /** Every repository of a project; `name` in the answer carries the project prefix. */
  async listRepositories(
    projectName: string,
    query: HarborListQuery<'listRepositories'> = {},
  ): Promise<HarborRepository[]> {
    return this.#all('listRepositories', (api, init, page) =>
      api.GET('/projects/{project_name}/repositories', {
        ...init,
        params: {
          path: { project_name: projectName },
          query: { ...query, ...page },
        },
      }),
    );
  }

  /** A repository by name, with or without the project prefix; nested names are encoded as Harbor wants. */
  async getRepository(
    projectName: string,
    repositoryName: string,
  ): Promise<HarborRepository> {
    return this.#data('getRepository', (api, init) =>
      api.GET('/projects/{project_name}/repositories/{repository_name}', {
        ...init,
        params: {
          path: {
            project_name: projectName,
            repository_name: repositoryPathParam(projectName, repositoryName),
          },
        },
      }),
    );
  }

  /** Every artifact of a repository (`page_size=100` and `X-Total-Count`), with the requested `with_*` details. */
  async listArtifacts(
    projectName: string,
    repositoryName: string,
    options: HarborArtifactListOptions = {},
  ): Promise<HarborArtifact[]> {
    const { acceptVulnerabilities, ...query } = options;
    return this.#all('listArtifacts', (api, init, page) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts',
        {
          ...init,
          params: {
            header: {
              'X-Accept-Vulnerabilities': (
                acceptVulnerabilities ?? DEFAULT_ACCEPT_VULNERABILITIES
              ).join(', '),
            },
            path: {
              project_name: projectName,
              repository_name: repositoryPathParam(projectName, repositoryName),
            },
            query: { ...query, ...page },
          },
        },
      ),
    );
  }

  /** An artifact by tag or `sha256:` digest. */
  async getArtifact(
    projectName: string,
    repositoryName: string,
    reference: string,
    options: HarborArtifactGetOptions = {},
  ): Promise<HarborArtifact> {
    const { acceptVulnerabilities, ...query } = options;
    return this.#data('getArtifact', (api, init) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}',
        {
          ...init,
          params: {
            header: {
              'X-Accept-Vulnerabilities': (
                acceptVulnerabilities ?? DEFAULT_ACCEPT_VULNERABILITIES
              ).join(', '),
            },
            path: {
              project_name: projectName,
              repository_name: repositoryPathParam(projectName, repositoryName),
              reference,
            },
            query,
          },
        },
      ),
    );
  }

  /**
   * The vulnerability reports of an artifact, keyed by report MIME type; `{}` when it has none. Harbor picks the
   * first MIME type of `X-Accept-Vulnerabilities` that has a report; both are accepted, v1.1 first.
   */
  async getVulnerabilities(
    projectName: string,
    repositoryName: string,
    reference: string,
    options: { acceptVulnerabilities?: string[] } = {},
  ): Promise<HarborVulnerabilityReports> {
    const text = await this.#data('getVulnerabilitiesAddition', (api, init) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/additions/vulnerabilities',
        {
          ...init,
          parseAs: 'text',
          params: {
            header: {
              'X-Accept-Vulnerabilities': (
                options.acceptVulnerabilities ?? DEFAULT_ACCEPT_VULNERABILITIES
              ).join(', '),
            },
            path: {
              project_name: projectName,
              repository_name: repositoryPathParam(projectName, repositoryName),
              reference,
            },
          },
        },
      ),
    );
    return parseVulnerabilityAddition(text ?? '');
  }

  /**
   * `POST …/scan` → 202 with no report id: poll {@link HarborClient.getArtifact} with `with_scan_overview`.
   * A `ConflictError` when a scan is running (409) or no scanner is configured (412).
   */
  async scanArtifact(
    projectName: string,
    repositoryName: string,
    reference: string,
    scanType?: HarborScanType,
  ): Promise<void> {
    await this.request('scanArtifact', (api, init) =>
      api.POST(
        '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan',
        {
          ...init,
          params: {
            path: {
              project_name: projectName,
              repository_name: repositoryPathParam(projectName, repositoryName),
              reference,
            },
          },
          body: scanType,
        },
      ),
    );
  }

  // ---------------------------------------------------------------- scanners

  async listScanners(
    query: HarborListQuery<'listScanners'> = {},
  ): Promise<HarborScannerRegistration[]> {
    return this.#all('listScanners', (api, init, page) =>
      api.GET('/scanners', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  /** The project's scanner; Harbor answers the system default when the project has none. */
  async getProjectScanner(
    project: HarborProjectRef,
  ): Promise<HarborScannerRegistration> {
    return this.#data('getScannerOfProject', (api, init) =>
      api.GET('/projects/{project_name_or_id}/scanner', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  async setProjectScanner(
    project: HarborProjectRef,
    scannerUuid: string,
  ): Promise<void> {
    await this.request('setScannerOfProject', (api, init) =>
      api.PUT('/projects/{project_name_or_id}/scanner', {
        ...init,
        params: projectParams(project),
        body: { uuid: scannerUuid },
      }),
    );
  }

  // ---------------------------------------------------------------- labels

  async listLabels(
    query: HarborListQuery<'ListLabels'> = {},
  ): Promise<HarborLabel[]> {
    return this.#all('ListLabels', (api, init, page) =>
      api.GET('/labels', { ...init, params: { query: { ...query, ...page } } }),
    );
  }

  async createLabel(label: HarborLabel): Promise<number> {
    return this.#created('CreateLabel', (api, init) =>
      api.POST('/labels', { ...init, body: label }),
    );
  }

  // ---------------------------------------------------------------- registries

  async listRegistries(
    query: HarborListQuery<'listRegistries'> = {},
  ): Promise<HarborRegistry[]> {
    return this.#all('listRegistries', (api, init, page) =>
      api.GET('/registries', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  async getRegistry(registryId: number): Promise<HarborRegistry> {
    return this.#data('getRegistry', (api, init) =>
      api.GET('/registries/{id}', {
        ...init,
        params: { path: { id: registryId } },
      }),
    );
  }

  /** `POST /registries`; 409 on a duplicate name. */
  async createRegistry(registry: HarborRegistry): Promise<number> {
    return this.#created('createRegistry', (api, init) =>
      api.POST('/registries', { ...init, body: registry }),
    );
  }

  async updateRegistry(
    registryId: number,
    update: HarborRegistryUpdate,
  ): Promise<void> {
    await this.request('updateRegistry', (api, init) =>
      api.PUT('/registries/{id}', {
        ...init,
        params: { path: { id: registryId } },
        body: update,
      }),
    );
  }

  /** A `ConflictError` (412) while replication policies or a proxy-cache project use the registry. */
  async deleteRegistry(registryId: number): Promise<void> {
    await this.request('deleteRegistry', (api, init) =>
      api.DELETE('/registries/{id}', {
        ...init,
        params: { path: { id: registryId } },
      }),
    );
  }

  /** `POST /registries/ping`: resolves when Harbor can reach the registry with these settings. */
  async pingRegistry(ping: HarborRegistryPing): Promise<void> {
    await this.request('pingRegistry', (api, init) =>
      api.POST('/registries/ping', { ...init, body: ping }),
    );
  }

  // ---------------------------------------------------------------- replication

  async listReplicationPolicies(
    query: HarborListQuery<'listReplicationPolicies'> = {},
  ): Promise<HarborReplicationPolicy[]> {
    return this.#all('listReplicationPolicies', (api, init, page) =>
      api.GET('/replication/policies', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  async getReplicationPolicy(
    policyId: number,
  ): Promise<HarborReplicationPolicy> {
    return this.#data('getReplicationPolicy', (api, init) =>
      api.GET('/replication/policies/{id}', {
        ...init,
        params: { path: { id: policyId } },
      }),
    );
  }

  /** Pull mode: `src_registry:{id}` and no `dest_registry`; push mode the reverse. */
  async createReplicationPolicy(
    policy: HarborReplicationPolicy,
  ): Promise<number> {
    return this.#created('createReplicationPolicy', (api, init) =>
      api.POST('/replication/policies', { ...init, body: policy }),
    );
  }

  async updateReplicationPolicy(
    policyId: number,
    policy: HarborReplicationPolicy,
  ): Promise<void> {
    await this.request('updateReplicationPolicy', (api, init) =>
      api.PUT('/replication/policies/{id}', {
        ...init,
        params: { path: { id: policyId } },
        body: policy,
      }),
    );
  }

  async deleteReplicationPolicy(policyId: number): Promise<void> {
    await this.request('deleteReplicationPolicy', (api, init) =>
      api.DELETE('/replication/policies/{id}', {
        ...init,
        params: { path: { id: policyId } },
      }),
    );
  }

  /** `POST /replication/executions`; returns the execution id. A `ConflictError` (412) if the policy is disabled. */
  async startReplication(policyId: number): Promise<number> {
    return this.#created('startReplication', (api, init) =>
      api.POST('/replication/executions', {
        ...init,
        body: { policy_id: policyId },
      }),
    );
  }

  /** `GET /replication/executions`: every page unless `options` limit them. */
  async listReplicationExecutions(
    query: HarborListQuery<'listReplicationExecutions'> = {},
    options?: ListAllOptions,
  ): Promise<HarborReplicationExecution[]> {
    return this.#all(
      'listReplicationExecutions',
      (api, init, page) =>
        api.GET('/replication/executions', {
          ...init,
          params: { query: { ...query, ...page } },
        }),
      options,
    );
  }

  /**
   * The newest replication execution matching `query` (of one policy, say, or `status: 'InProgress'`), in one
   * request of one item however many executions there are; `undefined` if none. Sorted by `-start_time`, which
   * is also Harbor's default order of executions.
   */
  async latestReplicationExecution(
    query: Omit<HarborListQuery<'listReplicationExecutions'>, 'sort'> = {},
  ): Promise<HarborReplicationExecution | undefined> {
    const [latest] = await this.listReplicationExecutions(
      { ...query, sort: '-start_time' },
      LATEST,
    );
    return latest;
  }

  /** `status` goes `InProgress` → `Succeed` | `Failed` | `Stopped`. */
  async getReplicationExecution(
    executionId: number,
  ): Promise<HarborReplicationExecution> {
    return this.#data('getReplicationExecution', (api, init) =>
      api.GET('/replication/executions/{id}', {
        ...init,
        params: { path: { id: executionId } },
      }),
    );
  }

  async stopReplication(executionId: number): Promise<void> {
    await this.request('stopReplication', (api, init) =>
      api.PUT('/replication/executions/{id}', {
        ...init,
        params: { path: { id: executionId } },
      }),
    );
  }
}

/** The strings that must never leave the client: the password, `user:password` and its base64. */
function secretsOf(instance: HarborInstanceConfig): string[] {
  if (instance.password === undefined) return [];
  const pair = `${instance.username ?? ''}:${instance.password}`;
  return [pair, Buffer.from(pair).toString('base64'), instance.password].filter(
    s => s.length >= 4,
  );
}

function describeNetworkError(error: unknown): string {
  const messages: string[] = [];
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.message === 'string' && current.message)
      messages.push(current.message);
    current = current.cause;
  }
  return messages.join(': ') || 'network error';
}
