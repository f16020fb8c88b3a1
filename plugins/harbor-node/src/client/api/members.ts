import type { HarborCore } from '../core';
import type {
  HarborListQuery,
  HarborProjectMember,
  HarborProjectMemberEntity,
  HarborProjectRef,
} from '../types';
import { projectChildParams, projectParams } from './params';

/**
 * The members of a project (`/projects/{p}/members`): users and groups with a role.
 * @public
 */
export class HarborMembersApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** Every member of a project, every page; `entityname` filters by name. */
  async list(
    project: HarborProjectRef,
    query: HarborListQuery<'listProjectMembers'> = {},
  ): Promise<HarborProjectMemberEntity[]> {
    const params = projectParams(project);
    return this.#core.all('listProjectMembers', (api, init, page) =>
      api.GET('/projects/{project_name_or_id}/members', {
        ...init,
        params: { ...params, query: { ...query, ...page } },
      }),
    );
  }

  /** `POST /projects/{p}/members`; LDAP/OIDC users and groups are onboarded on the way. 409 when already a member. */
  async create(
    project: HarborProjectRef,
    member: HarborProjectMember,
  ): Promise<number> {
    return this.#core.created('createProjectMember', (api, init) =>
      api.POST('/projects/{project_name_or_id}/members', {
        ...init,
        params: projectParams(project),
        body: member,
      }),
    );
  }

  /** Role ids: 1 projectAdmin, 2 developer, 3 guest, 4 maintainer, 5 limitedGuest. */
  async updateRole(
    project: HarborProjectRef,
    memberId: number,
    roleId: number,
  ): Promise<void> {
    await this.#core.request('updateProjectMember', (api, init) =>
      api.PUT('/projects/{project_name_or_id}/members/{mid}', {
        ...init,
        params: projectChildParams(project, { mid: memberId }),
        body: { role_id: roleId },
      }),
    );
  }
}
