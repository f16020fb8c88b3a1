import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_RULE,
  isHarborProjectName,
  harborProjectAdoptPermission,
  harborProjectUpdatePermission,
  type HarborProjectAvailability,
} from '@backstage-harbor/plugin-harbor-common';
import {
  HarborProjectOwnerLabelError,
  type HarborClients,
  type HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { findConfiguredInstance } from './EntityResolver';
import { harborUnavailable } from './harborErrors';
import type { HarborProjectResources } from './HarborProjectResources';

/** Why a name is not a valid Harbor project name, or `undefined` when it is. */
export function validateHarborProjectName(name: string): string | undefined {
  return isHarborProjectName(name)
    ? undefined
    : `must be 1 to ${HARBOR_PROJECT_NAME_MAX} characters of ${HARBOR_PROJECT_NAME_RULE}`;
}

/**
 * Whether a Harbor project name is valid and still free on an instance; for a project that exists, its owner
 * and whether the caller may change it (issue #17), so that the picker says so before the template runs.
 */
export class ProjectAvailabilityService {
  static create(options: {
    clients: HarborClients;
    resources: HarborProjectResources;
    authorizer: HarborProjectAuthorizer;
  }) {
    return new ProjectAvailabilityService(
      options.clients,
      options.resources,
      options.authorizer,
    );
  }

  private constructor(
    private readonly clients: HarborClients,
    private readonly resources: HarborProjectResources,
    private readonly authorizer: HarborProjectAuthorizer,
  ) {}

  /**
   * Throws an `InputError` for an unknown instance, naming no configured one. An invalid name is answered
   * without asking Harbor.
   */
  async check(
    name: string,
    instance: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<HarborProjectAvailability> {
    const config = findConfiguredInstance(
      this.clients.instances,
      instance,
      'The request',
      'leave instance out for the default one, or ask your Backstage administrator for its name',
    );
    const answer = { name, instance: config.name };
    const reason = validateHarborProjectName(name);
    if (reason) return { ...answer, valid: false, available: false, reason };
    let exists: boolean;
    try {
      exists = await this.clients
        .forInstance(config.name)
        .projects.exists(name);
    } catch (error) {
      throw harborUnavailable(config.name, error);
    }
    if (!exists) return { ...answer, valid: true, available: true };
    return {
      ...answer,
      valid: true,
      available: false,
      ...(await this.#ownership(config.name, name, credentials)),
    };
  }

  /** The owner of an existing project and whether the caller may change it (update, or adopt without owner). */
  async #ownership(
    instance: string,
    project: string,
    credentials: BackstageCredentials,
  ): Promise<
    Pick<HarborProjectAvailability, 'reason' | 'owner' | 'changeable'>
  > {
    const exists = `a project named '${project}' already exists in Harbor`;
    let resource;
    try {
      resource = await this.resources.get(instance, project);
    } catch (error) {
      if (error instanceof HarborProjectOwnerLabelError) {
        return { reason: `${exists}; ${error.message}`, changeable: false };
      }
      throw harborUnavailable(instance, error);
    }
    // Deleted between the two reads: an owner nobody has, changeable by nobody until it is created again.
    if (!resource) return { reason: exists, changeable: false };
    if (!resource.owner) {
      return {
        reason: `${exists} without a recorded owner`,
        changeable: await this.authorizer.authorizeProject(
          credentials,
          harborProjectAdoptPermission,
          resource,
        ),
      };
    }
    return {
      reason: `${exists}, owned by ${resource.owner}`,
      owner: resource.owner,
      changeable: await this.authorizer.authorizeProject(
        credentials,
        harborProjectUpdatePermission,
        resource,
      ),
    };
  }
}
