import {
  harborProjectAdoptPermission,
  harborProjectCreatePermission,
  harborProjectUpdatePermission,
} from '@backstage-harbor/plugin-harbor-common';
import {
  HARBOR_PROJECT_OWNER_LABEL,
  normalizeOwnerRef,
  readProjectOwner,
  recordProjectOwner,
  type HarborClient,
  type HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, stringifyError } from '@backstage/errors';
import type { Plan } from '../provisioning/plan';
import { findProject } from '../provisioning/projects';
import type { AuthorizationContext } from './authorizeAction';

/** The owner `harbor:project:ensure` leaves recorded, the one recorded before it ran, and whether it creates the project. */
export interface ProjectOwnership {
  owner: string;
  recorded?: string;
  /** No project was found: this run creates it (see {@link removeUnownedProject}). */
  created?: boolean;
}

/**
 * The check of `harbor:project:ensure`, before any write and in a dry run too (issue #17):
 * - a project that does not exist: harbor.project.create, and the owner (the `owner` input, else the initiator)
 *   must be the initiator or one of their groups unless the policy grants harbor.project.owner.assign;
 * - a project with an owner on record: harbor.project.update on it; naming another owner follows the owner rule;
 * - a project without one (created outside the portal): adoption, harbor.project.adopt, with the owner to record.
 */
export async function authorizeProjectEnsure(
  ctx: AuthorizationContext,
  authorizer: HarborProjectAuthorizer,
  client: HarborClient,
  request: { project: string; owner?: string },
): Promise<ProjectOwnership> {
  const credentials = await ctx.getInitiatorCredentials();
  const where = { project: request.project, instance: client.instance.name };
  const wanted = request.owner ? normalizeOwnerRef(request.owner) : undefined;
  const record = await findProject(client, request.project);
  if (!record) {
    await authorizer.require(credentials, harborProjectCreatePermission, where);
    const owner = wanted ?? initiatorRef(credentials.principal);
    if (!owner) {
      throw new InputError(
        `owner: a task started without a user must name the owner of the new Harbor project '${request.project}'`,
      );
    }
    await authorizer.requireOwner(credentials, owner, where);
    return { owner, created: true };
  }
  const recorded = await readProjectOwner(client, record);
  if (!recorded) {
    await authorizer.requireProject(
      credentials,
      harborProjectAdoptPermission,
      where,
    );
    if (!wanted) {
      throw new InputError(
        `owner: Harbor project '${request.project}' has no owner recorded; name the owner to record when adopting it`,
      );
    }
    await authorizer.requireOwner(credentials, wanted, where);
    return { owner: wanted };
  }
  await authorizer.requireProject(credentials, harborProjectUpdatePermission, {
    ...where,
    owner: recorded,
  });
  if (wanted && wanted !== recorded) {
    await authorizer.requireOwner(credentials, wanted, where);
    return { owner: wanted, recorded };
  }
  return { owner: recorded, recorded };
}

function initiatorRef(principal: unknown): string | undefined {
  const { type, userEntityRef } = principal as {
    type: string;
    userEntityRef?: string;
  };
  return type === 'user' ? userEntityRef : undefined;
}

/** Records the owner in the plan, and in Harbor unless it is a dry run or the label names it already. */
export async function reconcileProjectOwner(
  plan: Plan,
  client: HarborClient,
  project: string,
  ownership: ProjectOwnership,
): Promise<void> {
  const resource = `owner of project ${project}`;
  const { owner, recorded } = ownership;
  if (owner === recorded) {
    plan.inPlace(resource, owner);
    return;
  }
  const detail = `${HARBOR_PROJECT_OWNER_LABEL} label ${
    recorded ? `${recorded} → ` : ''
  }${owner}`;
  if (plan.change(resource, recorded ? 'update' : 'create', detail)) {
    await recordProjectOwner(client, project, owner);
  }
}

/**
 * Undoes a first run that failed before the owner was recorded: removes the project the run created if it still
 * has no owner label and holds no repositories, so that a re-run by the same user creates it again instead of
 * needing the platform team to adopt it (issue #17). Never throws: the caller rethrows the run's own error, and a
 * failed removal is logged as a warning naming the project.
 */
export async function removeUnownedProject(
  client: HarborClient,
  project: string,
  logger: LoggerService,
): Promise<void> {
  try {
    const record = await findProject(client, project);
    if (!record || (await readProjectOwner(client, record))) return;
    if ((record.repo_count ?? 0) > 0) {
      logger.warn(
        `Harbor project '${project}' was left in place without an owner: it holds repositories already; the platform team adopts it (harbor.project.adopt)`,
      );
      return;
    }
    await client.projects.delete(project);
    logger.info(
      `Removed Harbor project '${project}', which this run created, so that a re-run starts clean`,
    );
  } catch (error) {
    logger.warn(
      `Could not remove Harbor project '${project}', which this run created without recording its owner; the platform team removes or adopts it (harbor.project.adopt): ${stringifyError(
        error,
      )}`,
    );
  }
}
