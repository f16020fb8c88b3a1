import type { components } from '../../generated/harbor';
import type { HarborCore } from '../core';
import type { HarborImmutableRule, HarborProjectRef } from '../types';
import { projectChildParams, projectParams } from './params';

// The spec's form of the rule widened in ../types (see HarborRetentionRule).
type SpecImmutableRule = components['schemas']['ImmutableRule'];

/**
 * Tag immutability rules of a project (`/projects/{p}/immutabletagrules`).
 * @public
 */
export class HarborImmutabilityApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  async list(project: HarborProjectRef): Promise<HarborImmutableRule[]> {
    const params = projectParams(project);
    return this.#core.all('ListImmuRules', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/immutabletagrules', {
        ...init,
        params: { ...params, query: page },
      }),
    );
  }

  async create(
    project: HarborProjectRef,
    rule: HarborImmutableRule,
  ): Promise<number> {
    return this.#core.created('CreateImmuRule', (api, init) =>
      api.POST('/projects/{project_name_or_id}/immutabletagrules', {
        ...init,
        params: projectParams(project),
        body: rule as SpecImmutableRule,
      }),
    );
  }

  async update(
    project: HarborProjectRef,
    ruleId: number,
    rule: HarborImmutableRule,
  ): Promise<void> {
    await this.#core.request('UpdateImmuRule', (api, init) =>
      api.PUT(
        '/projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}',
        {
          ...init,
          params: projectChildParams(project, { immutable_rule_id: ruleId }),
          body: rule as SpecImmutableRule,
        },
      ),
    );
  }
}
