import { addProjectMember, addUserGroup } from '../builders';
import {
  HarborContext,
  HarborRoutes,
  ok,
  queryString,
  created,
} from '../context';
import { badRequest, conflict, notFound } from '../errors';
import type { ProjectMemberEntity } from '../harborTypes';
import { pageResult } from '../pagination';
import { PROJECT_ROLES, requireProjectAccess } from '../rbac';
import { MemberRecord, ProjectRecord } from '../state';
import { API_BASE, bodyObject, pathId, resolveProject } from './common';

function memberView(m: MemberRecord): ProjectMemberEntity {
  return {
    id: m.id,
    project_id: m.project_id,
    entity_name: m.entity_name,
    entity_type: m.entity_type,
    entity_id: m.entity_id,
    role_id: m.role_id,
    role_name: PROJECT_ROLES[m.role_id],
  };
}

function validRole(roleId: unknown): number {
  if (typeof roleId !== 'number' || !PROJECT_ROLES[roleId]) {
    throw badRequest(
      `invalid role_id ${roleId}: 1 projectAdmin, 2 developer, 3 guest, 4 maintainer, 5 limitedGuest`,
    );
  }
  return roleId;
}

function findMember(ctx: HarborContext, project: ProjectRecord): MemberRecord {
  const id = pathId(ctx, 'mid');
  const member = ctx.core.state.members.find(
    m => m.id === id && m.project_id === project.project_id,
  );
  if (!member)
    throw notFound(`member ${id} not found in project ${project.name}`);
  return member;
}

export const memberRoutes: HarborRoutes = {
  listProjectMembers(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'member', 'list');
    const entityName = queryString(ctx, 'entityname');
    const members = ctx.core.state.members.filter(
      m =>
        m.project_id === project.project_id &&
        (!entityName || m.entity_name.includes(entityName)),
    );
    return pageResult(ctx, members, memberView);
  },

  createProjectMember(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'member', 'create');
    const body = bodyObject(ctx);
    const roleId = validRole(body.role_id);
    let entity: Pick<MemberRecord, 'entity_type' | 'entity_id' | 'entity_name'>;
    if (body.member_user) {
      const u = body.member_user;
      const user = state.users.find(
        x =>
          (u.user_id && x.user_id === u.user_id) ||
          (u.username && x.username === u.username),
      );
      if (!user) throw notFound(`user ${u.username ?? u.user_id} not found`);
      entity = {
        entity_type: 'u',
        entity_id: user.user_id,
        entity_name: user.username,
      };
    } else if (body.member_group) {
      const g = body.member_group;
      let group = state.userGroups.find(
        x =>
          (g.id && x.id === g.id) ||
          (g.ldap_group_dn && x.ldap_group_dn === g.ldap_group_dn) ||
          (g.group_name &&
            x.group_name === g.group_name &&
            (!g.group_type || x.group_type === g.group_type)),
      );
      // LDAP groups by DN and OIDC/HTTP groups by name are onboarded on first use.
      if (!group && !g.id && (g.ldap_group_dn || g.group_name)) {
        if (![1, 2, 3].includes(g.group_type))
          throw badRequest('group_type must be 1 (LDAP), 2 (HTTP) or 3 (OIDC)');
        group = addUserGroup(state, {
          group_name: g.group_name ?? g.ldap_group_dn,
          group_type: g.group_type,
          ldap_group_dn: g.ldap_group_dn,
        });
      }
      if (!group) throw notFound(`user group ${g.id} not found`);
      entity = {
        entity_type: 'g',
        entity_id: group.id,
        entity_name: group.group_name,
      };
    } else {
      throw badRequest('either member_user or member_group is required');
    }
    if (
      state.members.some(
        m =>
          m.project_id === project.project_id &&
          m.entity_type === entity.entity_type &&
          m.entity_id === entity.entity_id,
      )
    ) {
      throw conflict(
        `The user or group ${entity.entity_name} is already a member of project ${project.name}`,
      );
    }
    const member = addProjectMember(state, project, entity, roleId);
    return created(
      `${API_BASE}/projects/${ctx.params.project_name_or_id}/members/${member.id}`,
    );
  },

  getProjectMember(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'member', 'read');
    return ok(memberView(findMember(ctx, project)));
  },

  updateProjectMember(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'member', 'update');
    const member = findMember(ctx, project);
    member.role_id = validRole(bodyObject(ctx).role_id);
    return ok();
  },

  deleteProjectMember(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'member', 'delete');
    const member = findMember(ctx, project);
    state.members.splice(state.members.indexOf(member), 1);
    return ok();
  },
};
