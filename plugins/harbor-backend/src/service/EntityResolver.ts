import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  HARBOR_INSTANCE_ANNOTATION,
  InvalidRepositorySlugError,
  getEntityRepositories,
} from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborInstanceConfig,
} from '@backstage-harbor/plugin-harbor-node';

/** A repository an entity names, on the configured instance it resolved to. */
export interface EntityRepository {
  instance: HarborInstanceConfig;
  project: string;
  /** Inside the project, may be nested. */
  repository: string;
}

/** An entity the caller may see and read Harbor data of, with the repositories its annotations name. */
export interface ResolvedEntity {
  entity: Entity;
  entityRef: string;
  repositories: EntityRepository[];
  /**
   * The instance the entity is served by: the one its `goharbor.io/instance` annotation names, else the one of
   * its first repository, else the default. An entity such as the registry's System names no repository.
   */
  instance: HarborInstanceConfig;
}

/**
 * Turns a caller's entity reference into the Harbor repositories they may read. The entity is read from the
 * catalog with the caller's own credentials, so an entity they cannot see is a 404 like one that does not exist;
 * the permission is then checked against that entity (conditional catalog rules such as "is owner" apply); the
 * repositories come from its annotations only. No Harbor call happens before both checks passed.
 */
export class EntityResolver {
  static create(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    clients: HarborClients;
  }): EntityResolver {
    return new EntityResolver(
      options.catalog,
      options.permissions,
      options.clients,
    );
  }

  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly clients: HarborClients,
  ) {}

  async resolve(
    ref: CompoundEntityRef,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed ${permission.name} on ${entityRef}`,
      );
    }
    const repositories = this.repositoriesOf(entity, entityRef);
    return {
      entity,
      entityRef,
      repositories,
      instance: this.instanceOf(entity, entityRef, repositories),
    };
  }

  private instanceOf(
    entity: Entity,
    entityRef: string,
    repositories: EntityRepository[],
  ): HarborInstanceConfig {
    const named = entity.metadata.annotations?.[HARBOR_INSTANCE_ANNOTATION];
    if (!named) {
      return repositories[0]?.instance ?? this.clients.instances.default;
    }
    const instance = this.clients.instances.find(named);
    if (!instance) {
      throw new InputError(
        `${entityRef} names Harbor instance '${named}', which is not configured; fix the ${HARBOR_INSTANCE_ANNOTATION} annotation`,
      );
    }
    return instance;
  }

  /** The repositories an entity's annotations name, resolved to configured instances. */
  repositoriesOf(entity: Entity, entityRef: string): EntityRepository[] {
    let refs;
    try {
      refs = getEntityRepositories(entity);
    } catch (error) {
      if (error instanceof InvalidRepositorySlugError) {
        throw new InputError(`${entityRef}: ${error.message}`);
      }
      throw error;
    }
    return refs.map(r => {
      const instance = this.clients.instances.find(r.instance);
      if (!instance) {
        // Don't list the configured instances and hosts to the caller.
        throw new InputError(
          `${entityRef} names Harbor instance or registry host '${r.instance}', which is not configured; fix the ${HARBOR_INSTANCE_ANNOTATION} or repository-slug annotation`,
        );
      }
      return { instance, project: r.project, repository: r.repository };
    });
  }
}
