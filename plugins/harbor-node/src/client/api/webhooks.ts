import type { HarborCore } from '../core';
import type { HarborProjectRef, HarborWebhookPolicy } from '../types';
import { projectChildParams, projectParams } from './params';

/**
 * Webhook policies of a project (`/projects/{p}/webhook/policies`).
 * @public
 */
export class HarborWebhooksApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  async list(project: HarborProjectRef): Promise<HarborWebhookPolicy[]> {
    const params = projectParams(project);
    return this.#core.all('ListWebhookPoliciesOfProject', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/webhook/policies', {
        ...init,
        params: { ...params, query: page },
      }),
    );
  }

  /** 409 on a duplicate name, though the spec does not declare it. */
  async create(
    project: HarborProjectRef,
    policy: HarborWebhookPolicy,
  ): Promise<number> {
    return this.#core.created('CreateWebhookPolicyOfProject', (api, init) =>
      api.POST('/projects/{project_name_or_id}/webhook/policies', {
        ...init,
        params: projectParams(project),
        body: policy,
      }),
    );
  }

  async update(
    project: HarborProjectRef,
    policyId: number,
    policy: HarborWebhookPolicy,
  ): Promise<void> {
    await this.#core.request('UpdateWebhookPolicyOfProject', (api, init) =>
      api.PUT(
        '/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}',
        {
          ...init,
          params: projectChildParams(project, { webhook_policy_id: policyId }),
          body: policy,
        },
      ),
    );
  }
}
