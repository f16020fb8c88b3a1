import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
  type HarborProjectAvailability,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import { findConfiguredInstance } from './EntityResolver';
import { harborUnavailable } from './harborErrors';

/** Why a name is not a valid Harbor project name, or `undefined` when it is. */
export function validateHarborProjectName(name: string): string | undefined {
  if (name.length < 1 || name.length > HARBOR_PROJECT_NAME_MAX) {
    return `must be 1 to ${HARBOR_PROJECT_NAME_MAX} characters of ${HARBOR_PROJECT_NAME_RULE}`;
  }
  if (!HARBOR_PROJECT_NAME_PATTERN.test(name)) {
    return `must be ${HARBOR_PROJECT_NAME_RULE}`;
  }
  return undefined;
}

/** Whether a Harbor project name is valid and still free on an instance. */
export class ProjectAvailabilityService {
  static create(options: { clients: HarborClients }) {
    return new ProjectAvailabilityService(options.clients);
  }

  private constructor(private readonly clients: HarborClients) {}

  /**
   * Throws an `InputError` for an unknown instance, naming no configured one. An invalid name is answered
   * without asking Harbor.
   */
  async check(
    name: string,
    instance?: string,
  ): Promise<HarborProjectAvailability> {
    const config = findConfiguredInstance(
      this.clients.instances,
      instance,
      'The request',
      'leave instance out for the default one, or ask your Backstage administrator for its name',
    );
    const reason = validateHarborProjectName(name);
    if (reason) {
      return {
        name,
        instance: config.name,
        valid: false,
        available: false,
        reason,
      };
    }
    let exists: boolean;
    try {
      exists = await this.clients
        .forInstance(config.name)
        .projects.exists(name);
    } catch (error) {
      throw harborUnavailable(config.name, error);
    }
    return exists
      ? {
          name,
          instance: config.name,
          valid: true,
          available: false,
          reason: `a project named '${name}' already exists in Harbor`,
        }
      : { name, instance: config.name, valid: true, available: true };
  }
}
