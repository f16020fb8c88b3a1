import type { components } from '../../generated/harbor';
import type { HarborCore } from '../core';
import type { HarborRetentionPolicy } from '../types';

// The spec's form of the policy widened in ../types (see HarborRetentionRule).
type SpecRetentionPolicy = components['schemas']['RetentionPolicy'];

/**
 * Tag retention policies (`/retentions`). A project's policy id is its `metadata.retention_id`.
 * @public
 */
export class HarborRetentionApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** The policy id of a project is its `metadata.retention_id`. */
  async get(retentionId: number): Promise<HarborRetentionPolicy> {
    return this.#core.data('getRetention', (api, init) =>
      api.GET('/retentions/{id}', {
        ...init,
        params: { path: { id: retentionId } },
      }),
    );
  }

  /** `POST /retentions`; one policy per project (400 otherwise), so check `metadata.retention_id` first. */
  async create(policy: HarborRetentionPolicy): Promise<number> {
    return this.#core.created('createRetention', (api, init) =>
      api.POST('/retentions', { ...init, body: policy as SpecRetentionPolicy }),
    );
  }

  async update(
    retentionId: number,
    policy: HarborRetentionPolicy,
  ): Promise<void> {
    await this.#core.request('updateRetention', (api, init) =>
      api.PUT('/retentions/{id}', {
        ...init,
        params: { path: { id: retentionId } },
        body: policy as SpecRetentionPolicy,
      }),
    );
  }
}
