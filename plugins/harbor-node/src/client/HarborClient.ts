import type { LoggerService } from '@backstage/backend-plugin-api';
import { HarborInstanceConfig } from '../config';
import { HarborArtifactsApi } from './api/artifacts';
import { HarborAuditLogsApi } from './api/auditLogs';
import { HarborImmutabilityApi } from './api/immutability';
import { HarborLabelsApi } from './api/labels';
import { HarborMembersApi } from './api/members';
import { HarborProjectsApi } from './api/projects';
import { HarborQuotasApi } from './api/quotas';
import { HarborRegistriesApi, HarborReplicationApi } from './api/replication';
import { HarborRepositoriesApi } from './api/repositories';
import { HarborRetentionApi } from './api/retention';
import { HarborRobotsApi } from './api/robots';
import { HarborSystemApi } from './api/system';
import { HarborWebhooksApi } from './api/webhooks';
import { HarborCore, HarborRequestContext, HarborSend } from './core';
import { HarborRetryOptions } from './retry';
import { HarborFetch } from './transport';

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
 * A client of one Harbor instance's v2.0 API, over the types generated from the official spec, with one object
 * per API area (`projects`, `artifacts`, `robots`, …).
 *
 * Every call sends Basic auth and an `X-Request-Id`, never a cookie; is bounded by the per-request timeout and
 * the instance-wide concurrency cap; retries idempotent calls on passing gateway failures; and throws
 * `@backstage/errors` classes whose `cause` is a {@link HarborApiError}. List methods return every item (or the
 * pages their `ListAllOptions` allow); `latest…` methods read one item in one request.
 * @public
 */
export class HarborClient {
  static create(options: HarborClientOptions): HarborClient {
    return new HarborClient(HarborCore.create(options));
  }

  readonly #core: HarborCore;
  readonly instance: HarborInstanceConfig;
  readonly system: HarborSystemApi;
  readonly projects: HarborProjectsApi;
  readonly quotas: HarborQuotasApi;
  readonly members: HarborMembersApi;
  readonly robots: HarborRobotsApi;
  readonly retention: HarborRetentionApi;
  readonly immutability: HarborImmutabilityApi;
  readonly webhooks: HarborWebhooksApi;
  readonly labels: HarborLabelsApi;
  readonly repositories: HarborRepositoriesApi;
  readonly artifacts: HarborArtifactsApi;
  readonly registries: HarborRegistriesApi;
  readonly replication: HarborReplicationApi;
  readonly auditLogs: HarborAuditLogsApi;

  private constructor(core: HarborCore) {
    this.#core = core;
    this.instance = core.instance;
    this.system = new HarborSystemApi(core);
    this.projects = new HarborProjectsApi(core);
    this.quotas = new HarborQuotasApi(core);
    this.members = new HarborMembersApi(core);
    this.robots = new HarborRobotsApi(core);
    this.retention = new HarborRetentionApi(core);
    this.immutability = new HarborImmutabilityApi(core);
    this.webhooks = new HarborWebhooksApi(core);
    this.labels = new HarborLabelsApi(core);
    this.repositories = new HarborRepositoriesApi(core);
    this.artifacts = new HarborArtifactsApi(core);
    this.registries = new HarborRegistriesApi(core);
    this.replication = new HarborReplicationApi(core);
    this.auditLogs = new HarborAuditLogsApi(core);
  }

  /** A client of the same instance, sharing its connection settings and concurrency cap, with this context. */
  withContext(context: HarborRequestContext): HarborClient {
    return new HarborClient(this.#core.withContext(context));
  }

  /**
   * Runs any spec operation through the typed openapi-fetch client, with everything the area methods get (auth,
   * timeout, cap, retries, request id, error mapping), for the operations that have no method here:
   * `client.request('deleteRegistry', (api, init) => api.DELETE('/registries/{id}', { ...init, params }))`.
   * `operation` is the spec's operationId, used in error messages.
   */
  async request<D>(
    operation: string,
    send: HarborSend<D>,
  ): Promise<{ data: D; response: Response }> {
    return this.#core.request(operation, send);
  }
}
