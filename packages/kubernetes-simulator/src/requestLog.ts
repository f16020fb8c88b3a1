import type { KubernetesVerb } from './types';

/**
 * One call the simulator received.
 *
 * @public
 */
export interface KubernetesRequestLogEntry {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: Record<string, string>;
  /** The API verb, or undefined for discovery and other non-resource paths. */
  verb?: KubernetesVerb;
  group?: string;
  version?: string;
  /** Resource plural, e.g. `secrets` or `externalsecrets`. */
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** The authenticated user, or `system:anonymous`. */
  user: string;
  /** Undefined while pending, and for a hung or reset call. */
  status?: number;
  fault?: 'status' | 'latency' | 'hang' | 'reset';
}

/** @public */
export type RequestLogFilter = Partial<
  Pick<
    KubernetesRequestLogEntry,
    | 'method'
    | 'verb'
    | 'group'
    | 'resource'
    | 'subresource'
    | 'namespace'
    | 'name'
    | 'user'
    | 'status'
    | 'fault'
  >
>;

const WRITE_VERBS: ReadonlySet<string> = new Set([
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]);

/** @public */
export class KubernetesRequestLog {
  private readonly list: KubernetesRequestLogEntry[] = [];

  get entries(): readonly KubernetesRequestLogEntry[] {
    return this.list;
  }

  add(entry: KubernetesRequestLogEntry): void {
    this.list.push(entry);
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Entries whose fields equal every field of the filter. */
  find(filter: RequestLogFilter = {}): KubernetesRequestLogEntry[] {
    return this.list.filter(entry =>
      Object.entries(filter).every(
        ([key, value]) =>
          (entry as unknown as Record<string, unknown>)[key] === value,
      ),
    );
  }

  /** Calls that would change the cluster (create, update, patch, delete), whatever their outcome. */
  writes(filter: RequestLogFilter = {}): KubernetesRequestLogEntry[] {
    return this.find(filter).filter(e => e.verb && WRITE_VERBS.has(e.verb));
  }
}
