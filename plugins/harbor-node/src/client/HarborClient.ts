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
import type { HarborInstanceConnection } from '@backstage-harbor/plugin-harbor-common';
import {
  HarborConnectionListener,
  HarborResilienceOptions,
} from './resilience/guard';
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
  /** The circuit breaker and the credential check (off unless `checkCredentials`). */
  resilience?: HarborResilienceOptions;
}

/**
 * A client of one Harbor instance's v2.0 API, over the types generated from the official spec, with one object
 * per API area (`projects`, `artifacts`, `robots`, …).
 *
 * Every call sends Basic auth and an `X-Request-Id`, never a cookie; is bounded by the per-request timeout and
 * the instance-wide concurrency cap; retries idempotent calls on passing gateway failures; and throws
 * `@backstage/errors` classes whose `cause` is a {@link HarborApiError}. A circuit breaker per instance fails calls
 * at once while Harbor is known to be down ({@link HarborUnavailableError}), and, with `checkCredentials`, calls
 * fail at once while the credentials are rejected ({@link HarborCredentialsRejectedError}). List methods return every item (or the
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

  /** The instance's connection state in this process: breaker and credential check. */
  connection(): HarborInstanceConnection {
    return this.#core.guard.connection();
  }

  /** Calls `listener` once per change of the connection state; returns the unsubscribe function. */
  onConnectionChange(listener: HarborConnectionListener): () => void {
    return this.#core.guard.onConnectionChange(listener);
  }

  /** Calls `listener` when Harbor answers, at most once per 10 s; returns the unsubscribe function. */
  onReachable(listener: (instance: string, at: Date) => void): () => void {
    return this.#core.guard.onReachable(listener);
  }

  /**
   * Checks now that the configured credentials authenticate as the configured user or robot account and may list
   * projects; resolves with the connection state (never rejects).
   */
  checkCredentials(): Promise<HarborInstanceConnection> {
    return this.#core.guard.checkCredentials();
  }

  /**
   * Resolves once the credentials are known to be accepted (checking them if not yet done); rejects with a
   * {@link HarborCredentialsRejectedError}, or with why Harbor could not be asked.
   */
  ensureCredentials(): Promise<void> {
    return this.#core.guard.ensureCredentials();
  }
}
