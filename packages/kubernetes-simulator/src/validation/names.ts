import type { StatusCause } from '../status';
import { invalidValue, keyPath, tooLong } from './fieldErrors';

/**
 * Name and label rules of k8s.io/apimachinery/pkg/util/validation, with the API server's messages.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const CONFIG_KEY = '[-._a-zA-Z0-9]+';

const whole = (pattern: string) => new RegExp(`^${pattern}$`);

export function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!whole(DNS1123_LABEL).test(value)) {
    errors.push(
      `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`,
    );
  }
  return errors;
}

export function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!whole(DNS1123_SUBDOMAIN).test(value)) {
    errors.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`,
    );
  }
  return errors;
}

/** IsQualifiedName: an optional DNS subdomain prefix and a name of at most 63 characters. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const errors: string[] = [];
  if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) {
      errors.push('prefix part must be non-empty');
    } else {
      errors.push(
        ...dns1123SubdomainErrors(prefix).map(e => `prefix part ${e}`),
      );
    }
  } else if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63)
    errors.push('name part must be no more than 63 characters');
  if (name.length > 0 && !whole(QUALIFIED_NAME).test(name)) {
    errors.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`,
    );
  }
  return errors;
}

export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!whole(LABEL_VALUE).test(value)) {
    errors.push(
      `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`,
    );
  }
  return errors;
}

/** IsConfigMapKey, used for Secret and ConfigMap data keys. */
export function configKeyErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!whole(CONFIG_KEY).test(value)) {
    errors.push(
      `a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '${CONFIG_KEY}')`,
    );
  }
  if (value === '.' || value === '..') errors.push(`must not be '${value}'`);
  else if (value.startsWith('..')) errors.push(`must not start with '..'`);
  return errors;
}

export type NameRule = 'dns1123-label' | 'dns1123-subdomain';

export function nameErrors(rule: NameRule, name: string): string[] {
  return rule === 'dns1123-label'
    ? dns1123LabelErrors(name)
    : dns1123SubdomainErrors(name);
}

/** ValidateObjectMeta's checks of labels and annotations. */
export function metadataMapErrors(metadata: {
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    for (const e of qualifiedNameErrors(key)) {
      causes.push(invalidValue('metadata.labels', key, e));
    }
    if (typeof value === 'string') {
      for (const e of labelValueErrors(value)) {
        causes.push(invalidValue(keyPath('metadata.labels', key), value, e));
      }
    }
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    for (const e of qualifiedNameErrors(key.toLowerCase())) {
      causes.push(invalidValue('metadata.annotations', key, e));
    }
    annotationBytes += key.length + String(value ?? '').length;
  }
  // TotalAnnotationSizeLimitB in apimachinery's objectmeta validation.
  if (annotationBytes > 256 * 1024) {
    causes.push(tooLong('metadata.annotations', 256 * 1024));
  }
  return causes;
}
