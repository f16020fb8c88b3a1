import express, { Request, Response } from 'express';
import type { ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ANONYMOUS, authenticate, isAllowed, SimulatorToken } from './auth';
import {
  coreVersions,
  groupDocument,
  groupList,
  resourceList,
  SIMULATED_VERSION,
} from './discovery';
import type { KubernetesFaults } from './faults';
import { patchTypeOf } from './patch';
import type { DeleteOptions, ListOptions, Registry } from './registry';
import { RequestInfo, requestInfoOf } from './requestInfo';
import type {
  KubernetesRequestLog,
  KubernetesRequestLogEntry,
} from './requestLog';
import {
  apiVersionOf,
  findResourceByPath,
  isCustomResource,
  ResourceType,
} from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import {
  badRequest,
  failureStatus,
  forbidden,
  invalid,
  reasonForCode,
  StatusError,
} from './status';
import type { KubernetesObject } from './types';
import { required } from './validation/fieldErrors';

export interface RouterContext {
  registry: Registry;
  tokens: () => readonly SimulatorToken[];
  requestLog: KubernetesRequestLog;
  faults: KubernetesFaults;
  serverAddress: () => string;
}

// Like system:public-info-viewer: anyone may read these.
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

const FIELD_SELECTORS: Record<string, string[]> = {
  Secret: ['type'],
  Pod: [
    'status.phase',
    'spec.nodeName',
    'spec.serviceAccountName',
    'status.podIP',
  ],
  Namespace: ['status.phase'],
};

function send(res: Response, code: number, body: unknown) {
  res.status(code).type('application/json').send(JSON.stringify(body));
}

function notServed(): StatusError {
  return new StatusError(
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

function queryOf(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    query[key] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return query;
}

function parseBody(req: Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (!raw.trim()) throw badRequest('the request body is empty');
  const contentType = String(req.headers['content-type'] ?? '');
  try {
    return contentType.includes('yaml') ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw badRequest(
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
}

function dryRunOf(query: Record<string, string>): boolean {
  if (query.dryRun === undefined) return false;
  if (query.dryRun !== 'All') {
    throw badRequest(
      `Invalid dryRun value "${query.dryRun}": valid values are "All"`,
    );
  }
  return true;
}

/** Built-in kinds' list items carry no apiVersion and kind; custom resources' do (unstructured). */
function listOf(
  r: ResourceType,
  items: KubernetesObject[],
  metadata: Record<string, unknown>,
) {
  return {
    kind: `${r.kind}List`,
    apiVersion: apiVersionOf(r),
    metadata,
    items: isCustomResource(r)
      ? items
      : items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
  };
}

function listOptions(
  r: ResourceType,
  query: Record<string, string>,
): ListOptions {
  if (query.watch === 'true' || query.watch === '1') {
    throw new StatusError(
      'MethodNotAllowed',
      'watch is not supported by the Kubernetes simulator',
    );
  }
  const limit = query.limit ? Number(query.limit) : undefined;
  return {
    labelSelector: query.labelSelector
      ? parseLabelSelector(query.labelSelector)
      : undefined,
    fieldSelector: query.fieldSelector
      ? parseFieldSelector(query.fieldSelector, [
          'metadata.name',
          ...(r.namespaced ? ['metadata.namespace'] : []),
          ...(FIELD_SELECTORS[r.kind] ?? []),
        ])
      : undefined,
    limit: limit && Number.isFinite(limit) ? limit : undefined,
    continueToken: query.continue || undefined,
  };
}

function discovery(path: string, ctx: RouterContext): unknown {
  const segments = path.split('/').filter(s => s);
  if (path === '/api' || path === '/api/')
    return coreVersions(ctx.serverAddress());
  if (path === '/apis' || path === '/apis/') return groupList();
  if (segments[0] === 'api' && segments.length === 2) {
    return resourceList('', segments[1]);
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    return groupDocument(segments[1]);
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    return resourceList(segments[1], segments[2]);
  }
  return undefined;
}

/** One request on a resource, after authentication and authorization. */
interface ResourceCall {
  req: Request;
  res: Response;
  query: Record<string, string>;
  r: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | undefined;
  registry: Registry;
}

function methodNotAllowed(): StatusError {
  return new StatusError(
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

function listResource({ res, query, r, namespace, registry }: ResourceCall) {
  const result = registry.list(r, namespace, listOptions(r, query));
  send(
    res,
    200,
    listOf(r, result.items, {
      resourceVersion: result.resourceVersion,
      ...(result.continueToken ? { continue: result.continueToken } : {}),
      ...(result.remainingItemCount !== undefined
        ? { remainingItemCount: result.remainingItemCount }
        : {}),
    }),
  );
}

function createResource(call: ResourceCall) {
  const { req, res, query, r, namespace, name, registry } = call;
  if (name) throw methodNotAllowed();
  const created = registry.create(r, namespace, parseBody(req), {
    dryRun: dryRunOf(query),
  });
  send(res, 201, created);
}

function updateResource(call: ResourceCall) {
  const { req, res, query, r, namespace, name, subresource, registry } = call;
  const updated = registry.update(
    r,
    namespace,
    name!,
    parseBody(req),
    subresource,
    { dryRun: dryRunOf(query) },
  );
  send(res, 200, updated);
}

function patchResource(call: ResourceCall) {
  const { req, res, query, r, namespace, name, subresource, registry } = call;
  const type = patchTypeOf(req.headers['content-type']);
  if (type === 'apply' && !query.fieldManager) {
    throw invalid(
      { group: 'meta.k8s.io', plural: 'patchoptions', kind: 'PatchOptions' },
      '',
      [required('fieldManager', 'is required for apply patch')],
    );
  }
  const result = registry.patch(
    r,
    namespace,
    name!,
    type,
    parseBody(req),
    subresource,
    { dryRun: dryRunOf(query) },
  );
  send(res, result.created ? 201 : 200, result.object);
}

function deleteResource(call: ResourceCall) {
  const { req, res, query, r, namespace, name, registry } = call;
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const options = (raw.trim() ? parseBody(req) : {}) as DeleteOptions;
  const result = registry.delete(r, namespace, name!, {
    preconditions: options.preconditions,
    dryRun: dryRunOf(query),
  });
  send(res, 200, 'object' in result ? result.object : result.status);
}

function deleteCollection(call: ResourceCall) {
  const { res, query, r, namespace, registry } = call;
  const dryRun = dryRunOf(query);
  const { items } = registry.list(r, namespace, listOptions(r, query));
  const deleted = items.map(item => {
    const result = registry.delete(
      r,
      item.metadata.namespace,
      item.metadata.name!,
      { dryRun },
    );
    return 'object' in result ? result.object : item;
  });
  send(
    res,
    200,
    listOf(r, deleted, { resourceVersion: registry.resourceVersion }),
  );
}

const VERBS: Record<string, (call: ResourceCall) => void> = {
  list: listResource,
  get: ({ res, r, namespace, name, registry }) =>
    send(res, 200, registry.get(r, namespace, name!)),
  create: createResource,
  update: updateResource,
  patch: patchResource,
  delete: deleteResource,
  deletecollection: deleteCollection,
};

function handleResource(
  req: Request,
  res: Response,
  info: RequestInfo,
  r: ResourceType,
  registry: Registry,
) {
  const handler =
    info.verb && Object.hasOwn(VERBS, info.verb) ? VERBS[info.verb] : undefined;
  if (!handler) throw methodNotAllowed();
  handler({
    req,
    res,
    query: queryOf(req),
    r,
    namespace: info.namespace,
    name: info.name,
    subresource: info.subresource as 'status' | undefined,
    registry,
  });
}

/** Ends the responses the `hang` fault held open. */
export type HangingResponses = Set<ServerResponse>;

function logEntryOf(
  req: Request,
  info: RequestInfo,
): KubernetesRequestLogEntry {
  return {
    method: req.method,
    path: req.path,
    query: queryOf(req),
    ...(info.isResourceRequest
      ? {
          verb: info.verb,
          group: info.group,
          version: info.version,
          resource: info.resource,
          subresource: info.subresource,
          namespace:
            info.namespace ??
            (info.resource === 'namespaces' ? info.name : undefined),
          name: info.name,
        }
      : {}),
    user: ANONYMOUS,
  };
}

/**
 * Plays the fault injected for this request, if any: latency first, then a reset, a hang or a status.
 * @returns whether the request is answered (or dropped) by the fault.
 */
async function playFault(
  ctx: RouterContext,
  hanging: HangingResponses,
  call: {
    req: Request;
    res: Response;
    info: RequestInfo;
    entry: KubernetesRequestLogEntry;
  },
): Promise<boolean> {
  const { req, res, info, entry } = call;
  const decision = info.isResourceRequest ? ctx.faults.decide(info) : undefined;
  if (!decision) return false;
  if (decision.latencyMs > 0) {
    entry.fault = 'latency';
    await new Promise(resolve => setTimeout(resolve, decision.latencyMs));
  }
  if (decision.reset) {
    entry.fault = 'reset';
    req.socket.destroy();
    return true;
  }
  if (decision.hang) {
    entry.fault = 'hang';
    hanging.add(res);
    return true;
  }
  if (decision.status === undefined) return false;
  entry.fault = 'status';
  const reason = reasonForCode(decision.status);
  send(
    res,
    decision.status,
    failureStatus(
      decision.status,
      decision.message ?? `injected fault: ${reason ?? decision.status}`,
      reason,
    ),
  );
  return true;
}

/** The resource a request addresses, as the API server routes it: anything else is a 404. */
function servedResource(info: RequestInfo): ResourceType {
  const r = info.resource
    ? findResourceByPath(info.group, info.version, info.resource)
    : undefined;
  if (
    !r ||
    (info.subresource &&
      (info.subresource !== 'status' || !r.statusSubresource || !info.name)) ||
    (!r.namespaced && info.namespace !== undefined) ||
    (r.namespaced && info.namespace === undefined && info.name !== undefined)
  ) {
    throw notServed();
  }
  if (!info.verb) throw methodNotAllowed();
  return r;
}

function authorize(token: SimulatorToken, info: RequestInfo, r: ResourceType) {
  const access = {
    verb: info.verb!,
    group: info.group,
    resource: r.plural,
    subresource: info.subresource,
    // A namespace's own requests count as in that namespace, as in the API server's RequestInfo.
    namespace:
      info.namespace ?? (r.kind === 'Namespace' ? info.name : undefined),
    name: info.name,
  };
  if (!isAllowed(token, access)) {
    throw forbidden(
      token.user,
      info.verb!,
      { group: r.group, plural: r.plural, subresource: info.subresource },
      access.namespace,
      info.name,
    );
  }
}

/** Public paths, then authentication, discovery, routing, authorization and the verb. */
function serve(
  ctx: RouterContext,
  req: Request,
  res: Response,
  info: RequestInfo,
  entry: KubernetesRequestLogEntry,
) {
  if (PUBLIC_PATHS.has(req.path)) {
    if (req.path === '/version') send(res, 200, SIMULATED_VERSION);
    else res.status(200).type('text/plain').send('ok');
    return;
  }
  const token = authenticate(ctx.tokens(), req.headers);
  if (!token) {
    send(res, 401, failureStatus(401, 'Unauthorized', 'Unauthorized'));
    return;
  }
  entry.user = token.user;
  if (!info.isResourceRequest) {
    const document =
      req.method === 'GET' ? discovery(req.path, ctx) : undefined;
    if (!document) throw notServed();
    send(res, 200, document);
    return;
  }
  const r = servedResource(info);
  authorize(token, info, r);
  handleResource(req, res, info, r, ctx.registry);
}

function sendError(res: Response, e: unknown) {
  if (e instanceof StatusError) {
    send(res, e.code, e.toStatus());
    return;
  }
  send(
    res,
    500,
    failureStatus(
      500,
      `Internal error: ${(e as Error).message}`,
      'InternalError',
    ),
  );
}

export function createApp(ctx: RouterContext, hanging: HangingResponses) {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  app.use(async (req: Request, res: Response) => {
    const info = requestInfoOf(req.method, req.path);
    const entry = logEntryOf(req, info);
    ctx.requestLog.add(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    try {
      if (await playFault(ctx, hanging, { req, res, info, entry })) return;
      serve(ctx, req, res, info, entry);
    } catch (e) {
      sendError(res, e);
    }
  });
  return app;
}
