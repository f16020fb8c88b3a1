import type { HarborCore } from '../core';
import type { ListAllOptions } from '../pagination';
import type {
  HarborListQuery,
  HarborRegistry,
  HarborRegistryUpdate,
  HarborReplicationExecution,
  HarborReplicationPolicy,
} from '../types';
import { LATEST } from './params';

/**
 * The registry endpoints Harbor replicates from or to (`/registries`).
 * @public
 */
export class HarborRegistriesApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  async list(
    query: HarborListQuery<'listRegistries'> = {},
  ): Promise<HarborRegistry[]> {
    return this.#core.all('listRegistries', (api, init, page) =>
      api.GET('/registries', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  /** `POST /registries`; 409 on a duplicate name. */
  async create(registry: HarborRegistry): Promise<number> {
    return this.#core.created('createRegistry', (api, init) =>
      api.POST('/registries', { ...init, body: registry }),
    );
  }

  async update(
    registryId: number,
    update: HarborRegistryUpdate,
  ): Promise<void> {
    await this.#core.request('updateRegistry', (api, init) =>
      api.PUT('/registries/{id}', {
        ...init,
        params: { path: { id: registryId } },
        body: update,
      }),
    );
  }
}

/**
 * Replication policies and their executions (`/replication`).
 * @public
 */
export class HarborReplicationApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  async listPolicies(
    query: HarborListQuery<'listReplicationPolicies'> = {},
  ): Promise<HarborReplicationPolicy[]> {
    return this.#core.all('listReplicationPolicies', (api, init, page) =>
      api.GET('/replication/policies', {
        ...init,
        params: { query: { ...query, ...page } },
      }),
    );
  }

  async getPolicy(policyId: number): Promise<HarborReplicationPolicy> {
    return this.#core.data('getReplicationPolicy', (api, init) =>
      api.GET('/replication/policies/{id}', {
        ...init,
        params: { path: { id: policyId } },
      }),
    );
  }

  /** Pull mode: `src_registry:{id}` and no `dest_registry`; push mode the reverse. */
  async createPolicy(policy: HarborReplicationPolicy): Promise<number> {
    return this.#core.created('createReplicationPolicy', (api, init) =>
      api.POST('/replication/policies', { ...init, body: policy }),
    );
  }

  async updatePolicy(
    policyId: number,
    policy: HarborReplicationPolicy,
  ): Promise<void> {
    await this.#core.request('updateReplicationPolicy', (api, init) =>
      api.PUT('/replication/policies/{id}', {
        ...init,
        params: { path: { id: policyId } },
        body: policy,
      }),
    );
  }

  /** `POST /replication/executions`; returns the execution id. A `ConflictError` (412) if the policy is disabled. */
  async start(policyId: number): Promise<number> {
    return this.#core.created('startReplication', (api, init) =>
      api.POST('/replication/executions', {
        ...init,
        body: { policy_id: policyId },
      }),
    );
  }

  /** `GET /replication/executions`: every page unless `options` limit them. */
  async listExecutions(
    query: HarborListQuery<'listReplicationExecutions'> = {},
    options?: ListAllOptions,
  ): Promise<HarborReplicationExecution[]> {
    return this.#core.all(
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
  async latestExecution(
    query: Omit<HarborListQuery<'listReplicationExecutions'>, 'sort'> = {},
  ): Promise<HarborReplicationExecution | undefined> {
    const [latest] = await this.listExecutions(
      { ...query, sort: '-start_time' },
      LATEST,
    );
    return latest;
  }

  /** `status` goes `InProgress` → `Succeed` | `Failed` | `Stopped`. */
  async getExecution(executionId: number): Promise<HarborReplicationExecution> {
    return this.#core.data('getReplicationExecution', (api, init) =>
      api.GET('/replication/executions/{id}', {
        ...init,
        params: { path: { id: executionId } },
      }),
    );
  }
}
