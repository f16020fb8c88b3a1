import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { applyPatch, PatchType } from './patch';
import {
  findResourceByKind,
  isCustomResource,
  RESOURCES,
  ResourceType,
} from './resources';
import {
  FieldRequirement,
  matchesFields,
  matchesRequirements,
  Requirement,
} from './selectors';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  KubernetesStatus,
  notFound,
  StatusError,
} from './status';
import type { KubernetesObject } from './types';
import type { CustomResourceSchemas } from './validation/customResourceSchemas';
import {
  applyBuiltInDefaults,
  decodeObject,
  foldStringData,
} from './validation/decode';
import { invalidValue } from './validation/fieldErrors';
import { validateObject } from './validation/validateObject';
import {
  checkPreconditions,
  deleteAnswer,
  generateName,
  initialStatus,
} from './strategy';

export interface WriteOptions {
  dryRun?: boolean;
}

export interface ListOptions {
  labelSelector?: Requirement[];
  fieldSelector?: FieldRequirement[];
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  items: KubernetesObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

export interface DeleteOptions extends WriteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** What a DELETE answers: the object for some kinds, a Success Status for others. */
export type DeleteResult =
  | { object: KubernetesObject }
  | { status: KubernetesStatus };

const NAMESPACES = RESOURCES.find(r => r.kind === 'Namespace')!;

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Everything but metadata and status: a change here bumps metadata.generation. */
function specOf(object: KubernetesObject): unknown {
  const { metadata: _m, status: _s, ...rest } = object;
  return rest;
}

/**
 * The objects of the simulated cluster and the semantics of the API server's generic registry: resourceVersion,
 * uid, generation, status subresources, namespaces, finalizers. HTTP-free, so the router stays a translation.
 */
export class Registry {
  private readonly objects = new Map<string, KubernetesObject>();
  private revision = 0;

  constructor(
    private readonly schemas: CustomResourceSchemas,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get resourceVersion(): string {
    return String(this.revision);
  }

  private key(r: ResourceType, namespace: string | undefined, name: string) {
    return `${r.group}/${r.plural}/${
      r.namespaced ? namespace ?? '' : ''
    }/${name}`;
  }

  private nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  private store(r: ResourceType, object: KubernetesObject): void {
    this.objects.set(
      this.key(r, object.metadata.namespace, object.metadata.name!),
      structuredClone(object),
    );
  }

  lookup(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject | undefined {
    const object = this.objects.get(this.key(r, namespace, name));
    return object && structuredClone(object);
  }

  namespaceExists(namespace: string): boolean {
    return this.objects.has(this.key(NAMESPACES, undefined, namespace));
  }

  private requireNamespace(r: ResourceType, namespace: string | undefined) {
    // The NamespaceLifecycle admission plugin answers before validation runs.
    if (r.namespaced && !this.namespaceExists(namespace!)) {
      throw notFound(NAMESPACES, namespace!);
    }
  }

  get(r: ResourceType, namespace: string | undefined, name: string) {
    const object = this.lookup(r, namespace, name);
    if (!object) throw notFound(r, name);
    return object;
  }

  list(
    r: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListResult {
    const prefix = `${r.group}/${r.plural}/${
      r.namespaced && namespace !== undefined ? `${namespace}/` : ''
    }`;
    const keys = [...this.objects.keys()]
      .filter(k => k.startsWith(prefix))
      .sort();
    let matching = keys.filter(k => {
      const object = this.objects.get(k)!;
      return (
        matchesRequirements(
          options.labelSelector ?? [],
          object.metadata.labels,
        ) && matchesFields(options.fieldSelector ?? [], object)
      );
    });
    if (options.continueToken) {
      const after = Buffer.from(options.continueToken, 'base64url').toString();
      matching = matching.filter(k => k > after);
    }
    let continueToken: string | undefined;
    let remainingItemCount: number | undefined;
    if (options.limit && options.limit > 0 && matching.length > options.limit) {
      remainingItemCount = matching.length - options.limit;
      matching = matching.slice(0, options.limit);
      continueToken = Buffer.from(matching[matching.length - 1]).toString(
        'base64url',
      );
    }
    return {
      items: matching.map(k => structuredClone(this.objects.get(k)!)),
      resourceVersion: this.resourceVersion,
      continueToken,
      remainingItemCount,
    };
  }

  /** Sets metadata.namespace from the URL, refusing a body that names another namespace. */
  private scopeTo(
    r: ResourceType,
    object: KubernetesObject,
    namespace: string | undefined,
  ) {
    if (r.namespaced) {
      if (
        object.metadata.namespace &&
        object.metadata.namespace !== namespace
      ) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = namespace;
    } else {
      delete object.metadata.namespace;
    }
  }

  create(
    r: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): KubernetesObject {
    const object = decodeObject(r, body);
    this.scopeTo(r, object, namespace);
    const meta = object.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = generateName(meta.generateName);
    }
    this.requireNamespace(r, namespace);
    if (meta.resourceVersion) {
      throw new StatusError(
        'InternalError',
        'resourceVersion should not be set on objects to be created',
      );
    }
    delete meta.deletionTimestamp;
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.now());
    if (r.generation) meta.generation = 1;
    else delete meta.generation;
    initialStatus(r, object);
    applyBuiltInDefaults(object);
    validateObject(this.schemas, r, object);
    if (this.lookup(r, namespace, meta.name!)) {
      throw alreadyExists(r, meta.name!);
    }
    if (options.dryRun) return object;
    meta.resourceVersion = this.nextResourceVersion();
    this.store(r, object);
    return object;
  }

  /**
   * PUT of the object or of its status. Without metadata.resourceVersion the update is unconditional for
   * built-in kinds; custom resources require it (apiextensions' AllowUnconditionalUpdate is false).
   */
  update(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    subresource: 'status' | undefined,
    options: WriteOptions = {},
  ): KubernetesObject {
    const object = decodeObject(r, body);
    if (object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${
          object.metadata.name ?? ''
        }) does not match the name on the URL (${name})`,
      );
    }
    this.scopeTo(r, object, namespace);
    const existing = this.get(r, namespace, name);
    const given = object.metadata.resourceVersion;
    if (!given && isCustomResource(r)) {
      throw invalid(r, name, [
        invalidValue(
          'metadata.resourceVersion',
          '0x0',
          'must be specified for an update',
        ),
      ]);
    }
    if (given && given !== existing.metadata.resourceVersion) {
      throw conflict(r, name);
    }
    return this.commitUpdate(r, existing, object, subresource, options);
  }

  patch(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    subresource: 'status' | undefined,
    options: WriteOptions = {},
  ): { object: KubernetesObject; created: boolean } {
    const existing = this.lookup(r, namespace, name);
    if (!existing) {
      // Server-side apply creates what does not exist yet.
      if (type === 'apply' && !subresource) {
        const body = patch as KubernetesObject;
        if (body?.metadata?.name !== undefined && body.metadata.name !== name) {
          throw badRequest(
            `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
          );
        }
        return {
          object: this.create(r, namespace, patch, options),
          created: true,
        };
      }
      throw notFound(r, name);
    }
    const patched = applyPatch(type, existing, patch) as KubernetesObject;
    const object = decodeObject(r, patched);
    if (object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    this.scopeTo(r, object, namespace);
    // A resourceVersion in the patch is a precondition (optimistic locking for patches).
    if (object.metadata.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(r, name);
    }
    return {
      object: this.commitUpdate(r, existing, object, subresource, options),
      created: false,
    };
  }

  private commitUpdate(
    r: ResourceType,
    existing: KubernetesObject,
    candidate: KubernetesObject,
    subresource: 'status' | undefined,
    options: WriteOptions,
  ): KubernetesObject {
    let object: KubernetesObject;
    if (subresource === 'status') {
      // Updates through /status change the status only (each strategy's PrepareForUpdate for status).
      object = structuredClone(existing);
      if (candidate.status === undefined) delete object.status;
      else object.status = candidate.status;
    } else {
      object = candidate;
      if (r.statusSubresource) {
        if (existing.status === undefined) delete object.status;
        else object.status = structuredClone(existing.status);
      }
      const meta = object.metadata;
      meta.uid = existing.metadata.uid;
      meta.creationTimestamp = existing.metadata.creationTimestamp;
      if (existing.metadata.deletionTimestamp) {
        meta.deletionTimestamp = existing.metadata.deletionTimestamp;
      } else {
        delete meta.deletionTimestamp;
      }
      if (r.generation) {
        const changed = !isDeepStrictEqual(specOf(object), specOf(existing));
        meta.generation =
          (existing.metadata.generation ?? 1) + (changed ? 1 : 0);
      } else {
        delete meta.generation;
      }
      applyBuiltInDefaults(object);
    }
    object.metadata.resourceVersion = existing.metadata.resourceVersion;
    validateObject(this.schemas, r, object, existing);
    // An update that changes nothing keeps the resourceVersion, as etcd3's GuaranteedUpdate does.
    if (isDeepStrictEqual(object, existing) || options.dryRun) return object;
    object.metadata.resourceVersion = this.nextResourceVersion();
    if (
      object.metadata.deletionTimestamp &&
      (object.metadata.finalizers ?? []).length === 0
    ) {
      this.objects.delete(
        this.key(r, object.metadata.namespace, object.metadata.name!),
      );
    } else {
      this.store(r, object);
    }
    return object;
  }

  delete(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    const existing = this.get(r, namespace, name);
    checkPreconditions(r, existing, options.preconditions);
    const deleted = structuredClone(existing);
    deleted.metadata.deletionTimestamp ??= timestamp(this.now());
    if (options.dryRun) return { object: deleted };
    if ((existing.metadata.finalizers ?? []).length > 0) {
      // Finalizers keep the object, marked for deletion, until they are removed.
      if (!existing.metadata.deletionTimestamp) {
        deleted.metadata.resourceVersion = this.nextResourceVersion();
        this.store(r, deleted);
      }
      return { object: deleted };
    }
    this.objects.delete(this.key(r, namespace, name));
    this.nextResourceVersion();
    if (r.kind === 'Namespace') {
      // The namespace controller deletes the content of a deleted namespace.
      for (const key of [...this.objects.keys()]) {
        const object = this.objects.get(key)!;
        if (object.metadata.namespace === name) this.objects.delete(key);
      }
      deleted.status = { phase: 'Terminating' };
      return { object: deleted };
    }
    return deleteAnswer(r, deleted);
  }

  /**
   * Stores an object as it is, for tests and seed data: no validation, status kept, the namespace created when
   * missing. Server-managed metadata is filled in where absent.
   */
  put(input: KubernetesObject): KubernetesObject {
    const r = findResourceByKind(input.apiVersion, input.kind);
    if (!r) {
      throw new Error(
        `The simulator does not serve ${input.kind} in ${input.apiVersion}`,
      );
    }
    const object = structuredClone(input);
    object.metadata ??= {};
    const meta = object.metadata;
    if (!meta.name) throw new Error(`put(${input.kind}) needs metadata.name`);
    if (r.namespaced) {
      meta.namespace ??= 'default';
      if (!this.namespaceExists(meta.namespace)) {
        this.put({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: meta.namespace },
        });
      }
    } else {
      delete meta.namespace;
    }
    if (r.kind === 'Secret') foldStringData(object);
    if (r.kind === 'Namespace') {
      object.status ??= { phase: 'Active' };
      object.spec ??= { finalizers: ['kubernetes'] };
    }
    const existing = this.lookup(r, meta.namespace, meta.name);
    meta.uid ??= existing?.metadata.uid ?? randomUUID();
    meta.creationTimestamp ??=
      existing?.metadata.creationTimestamp ?? timestamp(this.now());
    if (r.generation) meta.generation ??= existing?.metadata.generation ?? 1;
    meta.resourceVersion = this.nextResourceVersion();
    this.store(r, object);
    return structuredClone(object);
  }

  remove(r: ResourceType, namespace: string | undefined, name: string) {
    const removed = this.objects.delete(this.key(r, namespace, name));
    if (removed) this.nextResourceVersion();
    return removed;
  }
}
