import {
  harborProjectCreatePermission,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import {
  readProjectOwner,
  type HarborClient,
  type HarborProject,
  type HarborProjectAuthorizer,
  type HarborProjectPermission,
} from '@backstage-harbor/plugin-harbor-node';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { findProject } from '../provisioning/projects';

/** What the checks need of an action's context: who started the task. */
export interface AuthorizationContext {
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/** The project an action works on, as the check read it. */
export interface AuthorizedProject {
  /** The project as Harbor holds it; absent when it does not exist yet. */
  record?: HarborProject;
  /** The project as the permission rules see it, with the owner its label records. */
  resource: HarborProjectResource;
}

/**
 * The check of every action on one Harbor project, before any Harbor, Kubernetes or Git write and in a dry run
 * too (issue #17): the task's initiator needs `permission` on the project with the owner its
 * `backstage.io/owner` label records. A project without an owner is refused with how the platform team adopts
 * it: only `harbor:project:ensure` adopts. A project that does not exist yet (a dry run of the onboarding,
 * where the project step would create it) needs what creating it needs, harbor.project.create; the action's
 * own check then says it is missing outside a dry run.
 */
export async function authorizeProjectAction(
  ctx: AuthorizationContext,
  authorizer: HarborProjectAuthorizer,
  client: HarborClient,
  request: { project: string; permission: HarborProjectPermission },
): Promise<AuthorizedProject> {
  const credentials = await ctx.getInitiatorCredentials();
  const instance = client.instance.name;
  const record = await findProject(client, request.project);
  if (!record) {
    await authorizer.require(credentials, harborProjectCreatePermission, {
      project: request.project,
      instance,
    });
    return { resource: { instance, project: request.project } };
  }
  const owner = await readProjectOwner(client, record);
  const resource = { instance, project: request.project, owner };
  await authorizer.requireOwnedProject(
    credentials,
    request.permission,
    resource,
  );
  return { record, resource };
}

/**
 * The check of an action that is no change to one project (the migration, the platform), with the initiator's
 * credentials, before anything is written.
 */
export async function authorizeAction(
  ctx: AuthorizationContext,
  authorizer: HarborProjectAuthorizer,
  permission: Parameters<HarborProjectAuthorizer['require']>[1],
): Promise<void> {
  await authorizer.require(await ctx.getInitiatorCredentials(), permission);
}
