import type { HarborCore } from '../core';
import type { HarborRepository } from '../types';
import { repositoryParams } from './params';

/**
 * The repositories of a project (`/projects/{p}/repositories`).
 * @public
 */
export class HarborRepositoriesApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** A repository by name, with or without the project prefix; nested names are encoded as Harbor wants. */
  async get(
    projectName: string,
    repositoryName: string,
  ): Promise<HarborRepository> {
    return this.#core.data('getRepository', (api, init) =>
      api.GET('/projects/{project_name}/repositories/{repository_name}', {
        ...init,
        params: { path: repositoryParams(projectName, repositoryName) },
      }),
    );
  }
}
