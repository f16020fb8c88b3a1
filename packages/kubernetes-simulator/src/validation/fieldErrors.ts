import type { StatusCause } from '../status';

/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field renders them, so messages read like a real
 * API server's: `spec.containers[0].image: Required value`.
 */

function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function required(field: string, detail?: string): StatusCause {
  return {
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  };
}

export function invalidValue(
  field: string,
  value: unknown,
  detail: string,
): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${quote(value)}: ${detail}`,
    field,
  };
}

export function notSupported(
  field: string,
  value: unknown,
  supported: unknown[],
): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${quote(value)}: supported values: ${supported
      .map(quote)
      .join(', ')}`,
    field,
  };
}

export function forbiddenField(field: string, detail: string): StatusCause {
  return {
    reason: 'FieldValueForbidden',
    message: `Forbidden: ${detail}`,
    field,
  };
}

export function tooLong(field: string, max: number): StatusCause {
  return {
    reason: 'FieldValueTooLong',
    message: `Too long: may not be more than ${max} bytes`,
    field,
  };
}

/** `data` + `key` → `data[key]`, as field.Path.Key does. */
export function keyPath(base: string, key: string): string {
  return `${base}[${key}]`;
}
