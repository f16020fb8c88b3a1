import type { ErrorObject } from 'ajv';
import type { StatusCause } from '../status';
import { invalidValue, notSupported, required } from './fieldErrors';

function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * A JSON pointer into `data` as a Kubernetes field path: `/spec/data/0/remoteRef` → `spec.data[0].remoteRef`.
 * Map keys that are not plain identifiers are written `labels[app.kubernetes.io/name]`, like field.Path.Key.
 */
export function fieldPath(
  data: unknown,
  pointer: string,
  extra?: string,
): string {
  let path = '';
  let node: any = data;
  const segments = pointerSegments(pointer);
  if (extra !== undefined) segments.push(extra);
  for (const segment of segments) {
    if (Array.isArray(node)) {
      path += `[${segment}]`;
    } else if (IDENTIFIER.test(segment) || path === '') {
      path += path ? `.${segment}` : segment;
    } else {
      path += `[${segment}]`;
    }
    node = node?.[segment];
  }
  return path;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node: any = data;
  for (const segment of pointerSegments(pointer)) node = node?.[segment];
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/** What one Ajv error is about: the object, the failing value and its field path. */
interface ErrorSite {
  data: unknown;
  error: ErrorObject;
  value: unknown;
  field: string;
}

function bound(s: ErrorSite): StatusCause {
  const { comparison, limit } = s.error.params;
  return invalidValue(
    s.field,
    s.value,
    `${s.field} in body should be ${comparison} ${limit}`,
  );
}

/** apiextensions-apiserver's message for each schema keyword (k8s.io/kube-openapi validate errors). */
const CAUSES: Record<string, (site: ErrorSite) => StatusCause> = {
  required: s =>
    required(
      fieldPath(s.data, s.error.instancePath, s.error.params.missingProperty),
    ),
  additionalProperties: s => ({
    reason: 'FieldValueInvalid',
    message: 'field not declared in schema',
    field: fieldPath(
      s.data,
      s.error.instancePath,
      s.error.params.additionalProperty,
    ),
  }),
  enum: s => notSupported(s.field, s.value, s.error.params.allowedValues),
  type: s =>
    invalidValue(
      s.field,
      typeName(s.value),
      `${s.field} in body must be of type ${s.error.params.type}: "${typeName(
        s.value,
      )}"`,
    ),
  pattern: s =>
    invalidValue(
      s.field,
      s.value,
      `${s.field} in body should match '${s.error.params.pattern}'`,
    ),
  format: s =>
    invalidValue(
      s.field,
      s.value,
      `${s.field} in body must be of type ${
        s.error.params.format
      }: ${JSON.stringify(s.value)}`,
    ),
  minimum: bound,
  maximum: bound,
  exclusiveMinimum: bound,
  exclusiveMaximum: bound,
  minLength: s =>
    invalidValue(
      s.field,
      s.value,
      `${s.field} in body should be at least ${s.error.params.limit} chars long`,
    ),
  maxLength: s => ({
    reason: 'FieldValueTooLong',
    message: `Too long: may not be more than ${s.error.params.limit} bytes`,
    field: s.field,
  }),
  minItems: s =>
    invalidValue(
      s.field,
      s.value,
      `${s.field} in body should have at least ${s.error.params.limit} items`,
    ),
  maxItems: s => ({
    reason: 'FieldValueTooMany',
    message: `Too many: ${
      Array.isArray(s.value) ? s.value.length : '?'
    }: must have at most ${s.error.params.limit} items`,
    field: s.field,
  }),
};

function otherCause(s: ErrorSite): StatusCause {
  return invalidValue(
    s.field,
    s.value,
    `${s.field} in body ${s.error.message}`,
  );
}

/** anyOf/oneOf alternatives each fail on their own; the anyOf error itself says enough. */
function alternativeErrorsDropped(errors: ErrorObject[]): ErrorObject[] {
  const isChoice = (e: ErrorObject) =>
    e.keyword === 'anyOf' || e.keyword === 'oneOf';
  const choicePaths = new Set(errors.filter(isChoice).map(e => e.instancePath));
  return errors.filter(
    e =>
      isChoice(e) ||
      !choicePaths.has(e.instancePath) ||
      !/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath),
  );
}

/**
 * Ajv errors as the field errors apiextensions-apiserver reports for a schema violation, e.g.
 * `spec.instances: Invalid value: "string": spec.instances in body must be of type integer: "string"`.
 */
export function causesFromAjv(
  data: unknown,
  errors: ErrorObject[] | null | undefined,
): StatusCause[] {
  const causes = new Map<string, StatusCause>();
  for (const error of alternativeErrorsDropped(errors ?? [])) {
    const site: ErrorSite = {
      data,
      error,
      value: valueAt(data, error.instancePath),
      field: fieldPath(data, error.instancePath),
    };
    const toCause = Object.hasOwn(CAUSES, error.keyword)
      ? CAUSES[error.keyword]
      : otherCause;
    const cause = toCause(site);
    const key = `${cause.field}\u0000${cause.message}`;
    if (!causes.has(key)) causes.set(key, cause);
  }
  return [...causes.values()];
}
