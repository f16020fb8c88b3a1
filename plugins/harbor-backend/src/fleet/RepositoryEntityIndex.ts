import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  getEntityRepositories,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborInstances } from '@backstage-harbor/plugin-harbor-node';

/** What the index keeps of an entity: enough to name it and its owners, never its whole body. */
export interface IndexedEntity {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  /** Owner refs: `spec.owner`, then any other `ownedBy` relation. */
  owners: string[];
  /** The catalog's etag: an unchanged entity is not parsed again. */
  etag?: string;
  /** The `instance|project/repository` keys the entity names. */
  keys: string[];
}

/** The key of a repository: configured instance name and full repository name (`project/nested/name`). */
export function repositoryKey(instance: string, fullName: string): string {
  return `${instance}|${fullName}`;
}

/** The catalog fields the index reads, so a page of 5,000 entities stays small. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.etag',
  'metadata.annotations',
  'spec.owner',
  'relations',
];
const PAGE_SIZE = 500;

function ownersOf(entity: Entity): string[] {
  const owners: string[] = [];
  const owner = entity.spec?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      owners.push(
        stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ),
      );
    } catch {
      // An unparseable owner names no one.
    }
  }
  for (const r of entity.relations ?? []) {
    if (r.type === RELATION_OWNED_BY && !owners.includes(r.targetRef)) {
      owners.push(r.targetRef);
    }
  }
  return owners;
}

/**
 * Harbor repository → the catalog entities whose `goharbor.io/repository-slug` names it, across every configured
 * instance (nested names kept whole). Read with the backend's own credentials, so it holds every entity; callers
 * are filtered when an answer is assembled. Rebuilt in full on a schedule; `refresh` applies only what changed
 * since (by etag), and `upsert`/`remove` apply single entities.
 */
export class RepositoryEntityIndex {
  readonly #byKey = new Map<string, Set<string>>();
  readonly #byRef = new Map<string, IndexedEntity>();
  #builtAt?: string;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      instances: HarborInstances;
      logger: LoggerService;
    },
  ) {}

  /** ISO time of the last full rebuild or refresh; undefined before the first. */
  get builtAt(): string | undefined {
    return this.#builtAt;
  }

  get size(): number {
    return this.#byRef.size;
  }

  /** The entities naming a repository. */
  lookup(instance: string, fullName: string): IndexedEntity[] {
    const refs = this.#byKey.get(repositoryKey(instance, fullName));
    if (!refs) return [];
    return [...refs].map(ref => this.#byRef.get(ref)!).filter(Boolean);
  }

  #first?: Promise<unknown>;

  /** Builds the index once if no build ran yet (a request before the first scheduled rebuild waits for it). */
  async ensureBuilt(): Promise<void> {
    if (this.#builtAt) return;
    this.#first ??= this.rebuild().finally(() => {
      this.#first = undefined;
    });
    await this.#first;
  }

  /** Replaces the whole index with the catalog's current entities. */
  async rebuild(): Promise<{ entities: number }> {
    const entities = await this.#readAll();
    this.#byKey.clear();
    this.#byRef.clear();
    for (const entity of entities) this.upsert(entity);
    this.#builtAt = new Date().toISOString();
    return { entities: this.#byRef.size };
  }

  /**
   * Applies what changed since the last build: entities whose etag differs are parsed again, entities gone
   * from the catalog are dropped. Cheaper than a rebuild in CPU, not in catalog reads.
   */
  async refresh(): Promise<{ changed: number; removed: number }> {
    const entities = await this.#readAll();
    const seen = new Set<string>();
    let changed = 0;
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      seen.add(ref);
      if (this.#byRef.get(ref)?.etag === entity.metadata.etag) continue;
      this.upsert(entity);
      changed++;
    }
    let removed = 0;
    for (const ref of [...this.#byRef.keys()]) {
      if (!seen.has(ref)) {
        this.remove(ref);
        removed++;
      }
    }
    this.#builtAt = new Date().toISOString();
    return { changed, removed };
  }

  /** Adds or replaces one entity (an entity without the annotation is removed). */
  upsert(entity: Entity): void {
    const entityRef = stringifyEntityRef(entity);
    this.remove(entityRef);
    const keys = this.#keysOf(entity, entityRef);
    if (!keys.length) return;
    this.#byRef.set(entityRef, {
      entityRef,
      kind: entity.kind,
      name: entity.metadata.name,
      title: entity.metadata.title,
      owners: ownersOf(entity),
      etag: entity.metadata.etag,
      keys,
    });
    for (const key of keys) {
      let refs = this.#byKey.get(key);
      if (!refs) this.#byKey.set(key, (refs = new Set()));
      refs.add(entityRef);
    }
  }

  remove(entityRef: string): void {
    const old = this.#byRef.get(entityRef);
    if (!old) return;
    this.#byRef.delete(entityRef);
    for (const key of old.keys) {
      const refs = this.#byKey.get(key);
      refs?.delete(entityRef);
      if (refs && !refs.size) this.#byKey.delete(key);
    }
  }

  #keysOf(entity: Entity, entityRef: string): string[] {
    let refs;
    try {
      refs = getEntityRepositories(entity);
    } catch (error) {
      this.options.logger.debug(
        `Fleet index skips ${entityRef}: ${(error as Error).message}`,
      );
      return [];
    }
    const keys = new Set<string>();
    for (const r of refs) {
      const instance = this.options.instances.find(r.instance);
      if (!instance) continue;
      keys.add(repositoryKey(instance.name, `${r.project}/${r.repository}`));
    }
    return [...keys];
  }

  /** Every entity with the annotation, in pages, with the backend's own credentials. */
  async #readAll(): Promise<Entity[]> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const out: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: FIELDS }
          : {
              filter: {
                [`metadata.annotations.${HARBOR_REPOSITORY_SLUG_ANNOTATION}`]:
                  CATALOG_FILTER_EXISTS,
              },
              limit: PAGE_SIZE,
              fields: FIELDS,
            },
        { credentials },
      );
      out.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return out;
  }
}
