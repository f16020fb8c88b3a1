import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { StatusCause } from '../status';
import { invalidValue, notSupported, required } from './fieldErrors';

/**
 * CRD schemas carry Go regular expressions: prometheus-operator writes `^(?i)(abort|warn)?$`, which JavaScript
 * rejects ("Invalid group"). A leading `(?i)` becomes the `i` flag.
 */
function goRegExp(pattern: string, flags: string | undefined): RegExp {
  return pattern.startsWith('^(?i)')
    ? new RegExp(`^${pattern.slice(5)}`, `${flags ?? ''}i`)
    : new RegExp(pattern, flags);
}
goRegExp.code = 'new RegExp';

export function createAjv(options: { useDefaults: boolean }): Ajv {
  const ajv = new Ajv({
    // x-kubernetes-* keywords are annotations for the API server's structural-schema logic, not JSON Schema.
    strict: false,
    allErrors: true,
    useDefaults: options.useDefaults,
    code: { regExp: goRegExp as any },
  });
  addFormats(ajv);
  // OpenAPI integer formats: the type keyword already checks the value is an integer.
  ajv.addFormat('int32', true);
  ajv.addFormat('int64', true);
  ajv.addFormat('double', true);
  ajv.addFormat('float', true);
  return ajv;
}

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

/**
 * Ajv errors as the field errors apiextensions-apiserver reports for a schema violation, e.g.
 * `spec.instances: Invalid value: "string": spec.instances in body must be of type integer: "string"`.
 */
export function causesFromAjv(
  data: unknown,
  errors: ErrorObject[] | null | undefined,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  // anyOf alternatives each fail on their own; the anyOf error itself says enough.
  const anyOfPaths = new Set(
    (errors ?? [])
      .filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf')
      .map(e => e.instancePath),
  );
  for (const error of errors ?? []) {
    if (
      error.keyword !== 'anyOf' &&
      error.keyword !== 'oneOf' &&
      anyOfPaths.has(error.instancePath) &&
      /\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath)
    ) {
      continue;
    }
    const value = valueAt(data, error.instancePath);
    const field = fieldPath(data, error.instancePath);
    let cause: StatusCause;
    switch (error.keyword) {
      case 'required':
        cause = required(
          fieldPath(data, error.instancePath, error.params.missingProperty),
        );
        break;
      case 'additionalProperties':
        cause = {
          reason: 'FieldValueInvalid',
          message: 'field not declared in schema',
          field: fieldPath(
            data,
            error.instancePath,
            error.params.additionalProperty,
          ),
        };
        break;
      case 'enum':
        cause = notSupported(field, value, error.params.allowedValues);
        break;
      case 'type':
        cause = invalidValue(
          field,
          typeName(value),
          `${field} in body must be of type ${error.params.type}: "${typeName(
            value,
          )}"`,
        );
        break;
      case 'pattern':
        cause = invalidValue(
          field,
          value,
          `${field} in body should match '${error.params.pattern}'`,
        );
        break;
      case 'format':
        cause = invalidValue(
          field,
          value,
          `${field} in body must be of type ${
            error.params.format
          }: ${JSON.stringify(value)}`,
        );
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        cause = invalidValue(
          field,
          value,
          `${field} in body should be ${error.params.comparison} ${error.params.limit}`,
        );
        break;
      case 'minLength':
        cause = invalidValue(
          field,
          value,
          `${field} in body should be at least ${error.params.limit} chars long`,
        );
        break;
      case 'maxLength':
        cause = {
          reason: 'FieldValueTooLong',
          message: `Too long: may not be more than ${error.params.limit} bytes`,
          field,
        };
        break;
      case 'minItems':
        cause = invalidValue(
          field,
          value,
          `${field} in body should have at least ${error.params.limit} items`,
        );
        break;
      case 'maxItems':
        cause = {
          reason: 'FieldValueTooMany',
          message: `Too many: ${
            Array.isArray(value) ? value.length : '?'
          }: must have at most ${error.params.limit} items`,
          field,
        };
        break;
      default:
        cause = invalidValue(field, value, `${field} in body ${error.message}`);
    }
    const key = `${cause.field}\u0000${cause.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      causes.push(cause);
    }
  }
  return causes;
}
