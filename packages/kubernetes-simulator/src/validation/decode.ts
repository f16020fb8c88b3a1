import { createKubernetesAjv } from '@backstage-harbor/harbor-platform-manifests';
import type { ValidateFunction } from 'ajv';
import { apiVersionOf, isCustomResource, ResourceType } from '../resources';
import { badRequest } from '../status';
import type { KubernetesObject } from '../types';
import { fieldPath } from './ajv';
import { BUILT_IN_SCHEMAS } from './builtInSchemas';

const ajv = createKubernetesAjv();
const decoders = new Map<string, ValidateFunction>();

function decoderFor(kind: string): ValidateFunction | undefined {
  const schema = BUILT_IN_SCHEMAS[kind];
  if (!schema) return undefined;
  let decoder = decoders.get(kind);
  if (!decoder) {
    decoder = ajv.compile(schema);
    decoders.set(kind, decoder);
  }
  return decoder;
}

/**
 * Turns a request body into an object of `resource`, the way the API server's decoder does: wrong JSON types
 * and data that is not base64 are a 400 BadRequest (`... cannot be handled as a Secret`), not a 422.
 * Built-in kinds get apiVersion and kind from the URL when the body leaves them out; custom resources must
 * carry them.
 */
export function decodeObject(
  resource: ResourceType,
  body: unknown,
): KubernetesObject {
  const expectedVersion = apiVersionOf(resource);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(
      `${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: the body is not a JSON object`,
    );
  }
  const object = structuredClone(body) as KubernetesObject;
  if (isCustomResource(resource)) {
    if (!object.kind) {
      throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    }
    if (!object.apiVersion) {
      throw badRequest(
        `Object 'apiVersion' is missing in '${JSON.stringify(body)}'`,
      );
    }
  }
  object.apiVersion ??= expectedVersion;
  object.kind ??= resource.kind;
  if (object.apiVersion !== expectedVersion) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${expectedVersion})`,
    );
  }
  if (object.kind !== resource.kind) {
    throw badRequest(
      `${object.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: the kind in the data (${object.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  object.metadata ??= {};
  if (typeof object.metadata !== 'object' || Array.isArray(object.metadata)) {
    throw badRequest(
      `${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: metadata must be an object`,
    );
  }
  const decoder = decoderFor(resource.kind);
  if (decoder && !decoder(object)) {
    const error = decoder.errors![0];
    const field = fieldPath(object, error.instancePath);
    const detail =
      error.keyword === 'format' && error.params.format === 'byte'
        ? `illegal base64 data in ${field}`
        : `${field}: ${error.message}`;
    throw badRequest(
      `${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: ${detail}`,
    );
  }
  if (resource.kind === 'Secret') foldStringData(object);
  return object;
}

/** The API server writes Secret.stringData into data (base64) and never stores or returns stringData. */
export function foldStringData(secret: KubernetesObject): void {
  const stringData = secret.stringData as Record<string, string> | undefined;
  if (stringData) {
    const data = { ...((secret.data as Record<string, string>) ?? {}) };
    for (const [key, value] of Object.entries(stringData)) {
      data[key] = Buffer.from(value, 'utf8').toString('base64');
    }
    secret.data = data;
  }
  delete secret.stringData;
}

/** The defaults the API server's defaulting functions set on the kinds served here. */
export function applyBuiltInDefaults(object: KubernetesObject): void {
  switch (object.kind) {
    case 'Secret':
      object.type ||= 'Opaque';
      break;
    case 'Deployment':
    case 'StatefulSet': {
      const spec = (object.spec ??= {}) as Record<string, unknown>;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      break;
    }
    case 'Pod': {
      const spec = (object.spec ??= {}) as Record<string, unknown>;
      spec.restartPolicy ??= 'Always';
      spec.serviceAccountName ??= 'default';
      break;
    }
    default:
  }
}
