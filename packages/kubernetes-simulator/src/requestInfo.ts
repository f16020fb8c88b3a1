import type { KubernetesVerb } from './types';

/**
 * What a request path and method address, as the API server's RequestInfoFactory works it out:
 * `/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}/{subresource}`.
 */
export interface RequestInfo {
  isResourceRequest: boolean;
  verb?: KubernetesVerb;
  group: string;
  version: string;
  namespace?: string;
  resource?: string;
  name?: string;
  subresource?: string;
}

const VERB_BY_METHOD: Record<string, KubernetesVerb | undefined> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
};

export function requestInfoOf(method: string, path: string): RequestInfo {
  const segments = path
    .split('/')
    .filter(s => s.length > 0)
    .map(s => decodeURIComponent(s));
  const nonResource: RequestInfo = {
    isResourceRequest: false,
    group: '',
    version: '',
  };
  let rest: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return nonResource;
  }
  const info: RequestInfo = { isResourceRequest: true, group, version };
  // `/namespaces/{name}` and `/namespaces/{name}/status` address the namespace itself.
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    rest[2] !== 'status' &&
    rest[2] !== 'finalize'
  ) {
    info.namespace = rest[1];
    rest = rest.slice(2);
  }
  [info.resource, info.name, info.subresource] = rest;
  if (rest.length > 3) info.resource = undefined;
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD') {
    info.verb = info.name ? 'get' : 'list';
  } else if (upper === 'DELETE') {
    info.verb = info.name ? 'delete' : 'deletecollection';
  } else {
    info.verb = VERB_BY_METHOD[upper];
  }
  return info;
}
