import { HarborClock, isoTime } from '../clock';
import {
  HarborState,
  MemberRecord,
  ProjectRecord,
  RepositoryRecord,
  UserGroupRecord,
} from '../state';

/** @public */
export interface NewProject {
  name: string;
  public?: boolean;
  metadata?: Record<string, string>;
  /** Bytes, -1 unlimited. Defaults to the system's storage_per_project. */
  storageLimit?: number;
  ownerId?: number;
  registryId?: number;
}

/** Creates a project with its quota, the way POST /projects leaves the database. */
export function createProjectRecord(
  state: HarborState,
  clock: HarborClock,
  input: NewProject,
): ProjectRecord {
  const now = isoTime(clock.now());
  const owner =
    state.users.find(u => u.user_id === (input.ownerId ?? 1)) ?? state.users[0];
  const projectId = state.ids.project.next();
  const project: ProjectRecord = {
    project_id: projectId,
    name: input.name,
    owner_id: owner?.user_id ?? 1,
    owner_name: owner?.username ?? 'admin',
    metadata: {
      public: String(input.public ?? false),
      ...input.metadata,
    },
    cve_allowlist: {
      id: projectId,
      project_id: projectId,
      items: [],
      creation_time: now,
      update_time: now,
    },
    creation_time: now,
    update_time: now,
  };
  if (input.registryId !== undefined) project.registry_id = input.registryId;
  state.projects.push(project);
  state.quotas.push({
    id: state.ids.quota.next(),
    project_id: project.project_id,
    hard: input.storageLimit ?? state.configuration.storage_per_project,
    creation_time: now,
    update_time: now,
  });
  return project;
}

/** A user or group as a project member (`POST /projects/{p}/members`, and the creator as projectAdmin). */
export function addProjectMember(
  state: HarborState,
  project: ProjectRecord,
  entity: Pick<MemberRecord, 'entity_type' | 'entity_id' | 'entity_name'>,
  roleId: number,
): MemberRecord {
  const member: MemberRecord = {
    id: state.ids.member.next(),
    project_id: project.project_id,
    role_id: roleId,
    ...entity,
  };
  state.members.push(member);
  return member;
}

/** An LDAP (1), HTTP (2) or OIDC (3) group, onboarded on first use as a member. */
export function addUserGroup(
  state: HarborState,
  group: Omit<UserGroupRecord, 'id'>,
): UserGroupRecord {
  const record = { id: state.ids.userGroup.next(), ...group };
  state.userGroups.push(record);
  return record;
}

export function ensureRepository(
  state: HarborState,
  clock: HarborClock,
  project: ProjectRecord,
  repositoryName: string,
  description = '',
): RepositoryRecord {
  const fullName = `${project.name}/${repositoryName}`;
  const existing = state.repositoryByName(fullName);
  if (existing) return existing;
  const now = isoTime(clock.now());
  const repository: RepositoryRecord = {
    id: state.ids.repository.next(),
    project_id: project.project_id,
    name: fullName,
    description,
    pull_count: 0,
    creation_time: now,
    update_time: now,
  };
  state.repositories.push(repository);
  return repository;
}
