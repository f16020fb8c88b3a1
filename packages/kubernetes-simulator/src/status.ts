/**
 * Kubernetes `Status` objects: every error the API server returns has this shape
 * (k8s.io/apimachinery/pkg/apis/meta/v1 Status, and the reasons of StatusReason).
 */

/** @public */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

/** One field error of an Invalid status (StatusCause). @public */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** @public */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
}

/** @public */
export interface KubernetesStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

const CODE_BY_REASON: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  AlreadyExists: 409,
  Conflict: 409,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

/** The reason the API server gives for a bare status code (apierrors.NewGenericServerResponse). */
export function reasonForCode(code: number): StatusReason | undefined {
  const entry = Object.entries(CODE_BY_REASON).find(([, c]) => c === code);
  return entry?.[0] as StatusReason | undefined;
}

/** An error that the router answers with a Failure `Status`. */
export class StatusError extends Error {
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  get code(): number {
    return CODE_BY_REASON[this.reason];
  }

  toStatus(): KubernetesStatus {
    return failureStatus(this.code, this.message, this.reason, this.details);
  }
}

export function failureStatus(
  code: number,
  message: string,
  reason?: StatusReason,
  details?: StatusDetails,
): KubernetesStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** Identifies a resource in messages the way the API server does: `secrets "x"`, `clusters.postgresql.cnpg.io "x"`. */
export interface ResourceRef {
  group: string;
  plural: string;
  kind: string;
}

function qualifiedResource(r: ResourceRef): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function qualifiedKind(r: ResourceRef): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

export function notFound(r: ResourceRef, name: string): StatusError {
  return new StatusError(
    'NotFound',
    `${qualifiedResource(r)} "${name}" not found`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

export function alreadyExists(r: ResourceRef, name: string): StatusError {
  return new StatusError(
    'AlreadyExists',
    `${qualifiedResource(r)} "${name}" already exists`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

export function conflict(r: ResourceRef, name: string): StatusError {
  return new StatusError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      r,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}

/** apierrors.NewInvalid: `Kind "name" is invalid: [field: message, ...]`. */
export function invalid(
  r: ResourceRef,
  name: string,
  causes: StatusCause[],
): StatusError {
  const parts = causes.map(c => `${c.field}: ${c.message}`);
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(
    'Invalid',
    `${qualifiedKind(r)} "${name}" is invalid: ${list}`,
    { name, group: r.group || undefined, kind: r.kind, causes },
  );
}

export function forbidden(
  user: string,
  verb: string,
  r: { group: string; plural: string; subresource?: string },
  namespace: string | undefined,
  name: string | undefined,
): StatusError {
  const resource = r.subresource ? `${r.plural}/${r.subresource}` : r.plural;
  const qualified = r.group ? `${r.plural}.${r.group}` : r.plural;
  const subject = name ? `${qualified} "${name}"` : qualified;
  const scope = namespace
    ? ` in the namespace "${namespace}"`
    : ' at the cluster scope';
  return new StatusError(
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${r.group}"${scope}`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}
