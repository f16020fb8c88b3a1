import {
  parseHarborProjectResourceRef,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import {
  HarborProjectOwnerLabelError,
  isHarborNotFound,
  readProjectOwner,
  type HarborClients,
} from '@backstage-harbor/plugin-harbor-node';

/**
 * The harbor-project resources of the permission framework: Harbor projects with the owner their
 * `backstage.io/owner` label records, read through the configured account (which needs `label:list` on the
 * projects).
 */
export class HarborProjectResources {
  static create(options: { clients: HarborClients }) {
    return new HarborProjectResources(options.clients);
  }

  private constructor(private readonly clients: HarborClients) {}

  /**
   * The project of a configured instance (by its name) as a resource; `undefined` when the project does not
   * exist. Throws the `HarborProjectOwnerLabelError` of a label that names no owner.
   */
  async get(
    instance: string,
    project: string,
  ): Promise<HarborProjectResource | undefined> {
    try {
      const owner = await readProjectOwner(
        this.clients.forInstance(instance),
        project,
      );
      return owner === undefined
        ? { instance, project }
        : { instance, project, owner };
    } catch (error) {
      if (isHarborNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * `getResources` of the resource type, for `/.well-known/backstage/permissions/apply-conditions`: one resource
   * per `<instance>:<project>` ref, `undefined` (which the framework denies) for a ref that names no configured
   * instance or no project, or a project whose owner label cannot be read as an owner.
   */
  async getResources(
    resourceRefs: string[],
  ): Promise<Array<HarborProjectResource | undefined>> {
    return Promise.all(
      resourceRefs.map(async ref => {
        const parsed = parseHarborProjectResourceRef(ref);
        if (
          !parsed ||
          this.clients.instances.find(parsed.instance)?.name !== parsed.instance
        ) {
          return undefined;
        }
        try {
          return await this.get(parsed.instance, parsed.project);
        } catch (error) {
          if (error instanceof HarborProjectOwnerLabelError) return undefined;
          throw error;
        }
      }),
    );
  }
}
