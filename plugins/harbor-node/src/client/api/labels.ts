import type { HarborCore } from '../core';
import type { HarborLabel } from '../types';

/**
 * Labels (`/labels`): global ones (`scope: "g"`) and those of one project (`scope: "p"`, `project_id`), which
 * Harbor shows on the project's Labels tab (harbor-api.md §11).
 * @public
 */
export class HarborLabelsApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /**
   * Every label of a project, every page; with `name`, only the labels named exactly so. Harbor's `name` is a
   * case-insensitive substring match (label.go `ListLabels`, `FuzzyMatchValue`), so the answer is filtered here.
   */
  async listOfProject(
    projectId: number,
    options: { name?: string } = {},
  ): Promise<HarborLabel[]> {
    const { name } = options;
    const labels = await this.#core.all('ListLabels', (api, init, page) =>
      api.GET('/labels', {
        ...init,
        params: {
          query: {
            scope: 'p',
            project_id: projectId,
            ...(name === undefined ? {} : { name }),
            ...page,
          },
        },
      }),
    );
    return name === undefined ? labels : labels.filter(l => l.name === name);
  }

  /** `POST /labels`: the id of the new label. 409 when the scope (and project) has a label of that name. */
  async create(label: HarborLabel): Promise<number> {
    return this.#core.created('CreateLabel', (api, init) =>
      api.POST('/labels', { ...init, body: label }),
    );
  }

  /**
   * `PUT /labels/{id}`: Harbor takes the name, description and color of `label` (a missing one becomes empty)
   * and keeps the scope and project.
   */
  async update(labelId: number, label: HarborLabel): Promise<void> {
    await this.#core.request('UpdateLabel', (api, init) =>
      api.PUT('/labels/{label_id}', {
        ...init,
        params: { path: { label_id: labelId } },
        body: label,
      }),
    );
  }
}
