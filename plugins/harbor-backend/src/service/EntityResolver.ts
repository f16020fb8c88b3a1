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
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  InvalidRepositorySlugError,
  getEntityRepositories,
} from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborInstanceConfig,
  HarborInstances,
} from '@backstage-harbor/plugin-harbor-node';

/**
 * The configured instance a caller names, by name or registry host (the default one when absent). An unknown one
 * is the caller's mistake, a 400 whose message names only what they wrote: the configured instances and their
 * hosts are not theirs to see.
 * @param subject - who names the instance, e.g. an entity reference
 * @param fix - what to do about it
 */
export function findConfiguredInstance(
  instances: HarborInstances,
  named: string | undefined,
  subject: string,
  fix: string,
): HarborInstanceConfig {
  const instance = instances.find(named);
  if (!instance) {
    throw new InputError(
      `${subject} names Harbor instance '${named}', which is not configured by that name or registry host; ${fix}`,
    );
  }
  return instance;
}

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
    return findConfiguredInstance(
      this.clients.instances,
      named,
      entityRef,
      `fix the ${HARBOR_INSTANCE_ANNOTATION} annotation`,
    );
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
    return refs.map(r => ({
      instance: findConfiguredInstance(
        this.clients.instances,
        r.instance,
        entityRef,
        `fix the ${HARBOR_INSTANCE_ANNOTATION} or ${HARBOR_REPOSITORY_SLUG_ANNOTATION} annotation`,
      ),
      project: r.project,
      repository: r.repository,
    }));
  }
}
