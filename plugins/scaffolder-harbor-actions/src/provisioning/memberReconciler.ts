import {
  type HarborClient,
  type HarborProjectMember,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import { InputError } from '@backstage/errors';
import { Plan } from './plan';
import { readProjectResource } from './projects';
import { PROJECT_ROLES, ProjectRoleName, roleName } from './rules';

/** Harbor user group types (harbor-api.md §13). */
export const GROUP_TYPES = { ldap: 1, http: 2, oidc: 3 } as const;
export type GroupTypeName = keyof typeof GROUP_TYPES;

/** A catalog entity mapped to a Harbor member. */
export interface MemberRequest {
  /** The catalog entity ref, for messages. */
  entityRef: string;
  kind: 'user' | 'group';
  /** The Harbor username, or user group name: the entity's name. */
  name: string;
  role: ProjectRoleName;
}

/**
 * Project members: catalog Users by Harbor username and catalog Groups by Harbor group name of the configured
 * group type. Listed and matched; an existing member with another role is reported and set to the requested role;
 * members that are not requested are left alone.
 */
export class MemberReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
    private readonly groupType?: GroupTypeName,
  ) {}

  async reconcile(project: string, members: MemberRequest[]): Promise<void> {
    const existing =
      (await readProjectResource(this.client, project, this.plan.dryRun, () =>
        this.client.members.list(project),
      )) ?? [];
    for (const member of members) {
      const entityType = member.kind === 'user' ? 'u' : 'g';
      const resource = `${member.kind} ${member.name} (${member.entityRef}) in project ${project}`;
      const roleId = PROJECT_ROLES[member.role];
      const found = existing.find(
        e => e.entity_type === entityType && e.entity_name === member.name,
      );
      if (!found) {
        if (this.plan.change(resource, 'create', `add as ${member.role}`)) {
          await this.add(project, member, roleId);
        }
        continue;
      }
      if (found.role_id === roleId) {
        this.plan.inPlace(resource, member.role);
        continue;
      }
      const detail = `role ${roleName(found.role_id)} → ${member.role}`;
      this.plan.drift(resource, detail);
      if (this.plan.change(resource, 'update', detail)) {
        await this.client.members.updateRole(project, found.id!, roleId);
      }
    }
  }

  private async add(project: string, member: MemberRequest, roleId: number) {
    const body: HarborProjectMember =
      member.kind === 'user'
        ? { role_id: roleId, member_user: { username: member.name } }
        : {
            role_id: roleId,
            member_group: {
              group_name: member.name,
              group_type: GROUP_TYPES[this.groupType!],
            },
          };
    try {
      await this.client.members.create(project, body);
    } catch (error) {
      if (isHarborNotFound(error) && member.kind === 'user') {
        throw new InputError(
          `members: Harbor instance '${this.client.instance.name}' has no user '${member.name}' (${member.entityRef}); a user appears in Harbor after the first login (or through LDAP)`,
        );
      }
      throw error;
    }
  }
}
