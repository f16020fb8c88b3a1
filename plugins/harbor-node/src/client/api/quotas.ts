import type { HarborCore } from '../core';
import type { HarborQuota, HarborQuotaUpdateReq } from '../types';

/**
 * Harbor's storage quotas (`/quotas`). Both calls need system-level quota permissions.
 * @public
 */
export class HarborQuotasApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /**
   * The storage quota of a project, found by `reference_id` (the quota id is not the project id, harbor#12876).
   * Needs system-level `quota:read`.
   */
  async findByProject(projectId: number): Promise<HarborQuota | undefined> {
    const quotas = await this.#core.data('listQuotas', (api, init) =>
      api.GET('/quotas', {
        ...init,
        params: {
          query: { reference: 'project', reference_id: String(projectId) },
        },
      }),
    );
    return quotas.find(q => q.ref?.id === projectId) ?? quotas[0];
  }

  /** `PUT /quotas/{id}` with `{hard:{storage: bytes | -1}}`. Needs system-level `quota:update`. */
  async update(quotaId: number, update: HarborQuotaUpdateReq): Promise<void> {
    await this.#core.request('updateQuota', (api, init) =>
      api.PUT('/quotas/{id}', {
        ...init,
        params: { path: { id: quotaId } },
        body: update,
      }),
    );
  }
}
