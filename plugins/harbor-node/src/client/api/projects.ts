import type { HarborCore } from '../core';
import { isHarborNotFound } from '../errors';
import type {
  HarborProject,
  HarborProjectRef,
  HarborProjectReq,
  HarborProjectSummary,
} from '../types';
import { projectChildParams, projectParams } from './params';

/**
 * Harbor's projects (`/projects`): existence, reads, creation, updates, deletion and metadata.
 * @public
 */
export class HarborProjectsApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** `HEAD /projects?project_name=`: whether the project exists (401 for anonymous callers). */
  async exists(projectName: string): Promise<boolean> {
    try {
      await this.#core.request('headProject', (api, init) =>
        api.HEAD('/projects', {
          ...init,
          params: { query: { project_name: projectName } },
        }),
      );
      return true;
    } catch (error) {
      if (isHarborNotFound(error)) return false;
      throw error;
    }
  }

  /** `GET /projects/{p}`: a project by name or id. */
  async get(project: HarborProjectRef): Promise<HarborProject> {
    return this.#core.data('getProject', (api, init) =>
      api.GET('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /**
   * `POST /projects`; returns the new project's id. `storage_limit` is honoured only for callers with
   * system-level `project:create`; omit `metadata.retention_id` (harbor#18118).
   */
  async create(project: HarborProjectReq): Promise<number> {
    return this.#core.created('createProject', (api, init) =>
      api.POST('/projects', { ...init, body: project }),
    );
  }

  /** `PUT /projects/{p}`: updates metadata and the CVE allowlist only; storage is a quota (`quotas.update`). */
  async update(
    project: HarborProjectRef,
    update: HarborProjectReq,
  ): Promise<void> {
    await this.#core.request('updateProject', (api, init) =>
      api.PUT('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
        body: update,
      }),
    );
  }

  /**
   * `DELETE /projects/{p}`. Harbor refuses (412) a project that still holds repositories or has pending tasks;
   * its robots, members and policies go with it.
   */
  async delete(project: HarborProjectRef): Promise<void> {
    await this.#core.request('deleteProject', (api, init) =>
      api.DELETE('/projects/{project_name_or_id}', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `GET /projects/{p}/summary`: the project-scoped way to read quota usage and member counts. */
  async summary(project: HarborProjectRef): Promise<HarborProjectSummary> {
    return this.#core.data('getProjectSummary', (api, init) =>
      api.GET('/projects/{project_name_or_id}/summary', {
        ...init,
        params: projectParams(project),
      }),
    );
  }

  /** `DELETE /projects/{p}/metadatas/{name}`, e.g. a stale `retention_id` on Harbor before 2.14 (harbor#19961). */
  async deleteMetadata(project: HarborProjectRef, name: string): Promise<void> {
    await this.#core.request('deleteProjectMetadata', (api, init) =>
      api.DELETE('/projects/{project_name_or_id}/metadatas/{meta_name}', {
        ...init,
        params: projectChildParams(project, { meta_name: name }),
      }),
    );
  }
}
