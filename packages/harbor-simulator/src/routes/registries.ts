import { addRegistry, StoredRegistry } from '../builders';
import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  ok,
  queryString,
  created,
} from '../context';
import { badRequest, conflict, notFound, precondition } from '../errors';
import type { Registry } from '../harborTypes';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery } from '../query';
import { requireSystemAccess } from '../rbac';
import { API_BASE, bodyObject, recordInPath } from './common';

/** Registry types (src: pkg/reg/adapter). */
export const REGISTRY_TYPES = [
  'harbor',
  'docker-hub',
  'docker-registry',
  'aws-ecr',
  'azure-acr',
  'google-gcr',
  'ali-acr',
  'huawei-SWR',
  'jfrog-artifactory',
  'quay',
  'gitlab',
  'dtr',
  'tencent-tcr',
  'github-ghcr',
  'volcengine-cr',
  'helm-hub',
  'artifact-hub',
];

/** Harbor never returns a stored secret. */
function registryView(r: StoredRegistry): Registry {
  return {
    ...r,
    credential: r.credential
      ? {
          type: r.credential.type,
          access_key: r.credential.access_key,
          access_secret: r.credential.access_secret ? '*****' : '',
        }
      : undefined,
  };
}

function validUrl(url: unknown): boolean {
  return typeof url === 'string' && /^https?:\/\/[^\s/]+/.test(url);
}

function findRegistry(ctx: HarborContext): StoredRegistry {
  return recordInPath(ctx, 'id', ctx.core.state.registries, 'registry');
}

export const registryRoutes: HarborRoutes = {
  createRegistry(ctx) {
    requireSystemAccess(ctx, 'registry', 'create');
    const { state, clock } = ctx.core;
    const body = bodyObject(ctx);
    if (!body.name) throw badRequest('the name of the registry is required');
    if (!REGISTRY_TYPES.includes(body.type))
      throw badRequest(`invalid registry type ${body.type}`);
    if (!validUrl(body.url))
      throw badRequest(`invalid registry url ${body.url}`);
    if (state.registries.some(r => r.name === body.name))
      throw conflict(`registry ${body.name} already exists`);
    const { id } = addRegistry(state, clock, {
      name: body.name,
      type: body.type,
      url: body.url,
      description: body.description,
      insecure: body.insecure,
      ca_certificate: body.ca_certificate,
      credential: body.credential,
    });
    return created(`${API_BASE}/registries/${id}`);
  },

  listRegistries(ctx) {
    requireSystemAccess(ctx, 'registry', 'list');
    let registries = ctx.core.state.registries as StoredRegistry[];
    const name = queryString(ctx, 'name');
    if (name) registries = registries.filter(r => r.name === name);
    for (const c of parseQuery(queryString(ctx, 'q'))) {
      if (c.key === 'name')
        registries = registries.filter(r => matchesClause(c, r.name));
      if (c.key === 'type')
        registries = registries.filter(r => matchesClause(c, r.type));
    }
    return pageResult(ctx, registries, registryView);
  },

  getRegistry(ctx) {
    requireSystemAccess(ctx, 'registry', 'read');
    return ok(registryView(findRegistry(ctx)));
  },

  updateRegistry(ctx) {
    requireSystemAccess(ctx, 'registry', 'update');
    const { state, clock } = ctx.core;
    const registry = findRegistry(ctx);
    const body = bodyObject(ctx);
    if (
      body.name &&
      body.name !== registry.name &&
      state.registries.some(r => r.name === body.name)
    ) {
      throw conflict(`registry ${body.name} already exists`);
    }
    if (body.url !== undefined && body.url !== null && !validUrl(body.url))
      throw badRequest(`invalid registry url ${body.url}`);
    if (body.name) registry.name = body.name;
    if (body.url) registry.url = body.url;
    if (typeof body.insecure === 'boolean') registry.insecure = body.insecure;
    if (body.description !== undefined && body.description !== null)
      (registry as StoredRegistry).description = body.description;
    if (body.ca_certificate !== undefined)
      registry.ca_certificate = body.ca_certificate;
    registry.credential = {
      type: body.credential_type ?? registry.credential?.type ?? 'basic',
      access_key: body.access_key ?? registry.credential?.access_key ?? '',
      access_secret:
        body.access_secret ?? registry.credential?.access_secret ?? '',
    };
    registry.update_time = isoTime(clock.now());
    return ok();
  },

  deleteRegistry(ctx) {
    requireSystemAccess(ctx, 'registry', 'delete');
    const { state } = ctx.core;
    const registry = findRegistry(ctx);
    const used = state.replicationPolicies.some(
      p =>
        p.src_registry?.id === registry.id ||
        p.dest_registry?.id === registry.id,
    );
    if (used || state.projects.some(p => p.registry_id === registry.id)) {
      throw precondition(
        `the registry ${registry.name} is referenced by replication policies or proxy cache projects, can not be deleted`,
      );
    }
    state.registries.splice(state.registries.indexOf(registry), 1);
    return ok();
  },

  pingRegistry(ctx) {
    requireSystemAccess(ctx, 'registry', 'create');
    const body = bodyObject(ctx);
    if (body.id) {
      if (!ctx.core.state.registries.some(r => r.id === body.id))
        throw notFound(`registry ${body.id} not found`);
      return ok();
    }
    if (body.type && !REGISTRY_TYPES.includes(body.type))
      throw badRequest(`invalid registry type ${body.type}`);
    if (!validUrl(body.url))
      throw badRequest(`invalid registry url ${body.url}`);
    if (/unreachable|invalid/.test(body.url))
      throw badRequest(`failed to ping registry ${body.url}`);
    return ok();
  },

  getRegistryInfo(ctx) {
    requireSystemAccess(ctx, 'registry', 'read');
    const registry = findRegistry(ctx);
    // A plain docker registry only filters by name and tag and has no push events (src: adapter/native).
    const nativeOnly = registry.type === 'docker-registry';
    return ok({
      type: registry.type,
      description: '',
      supported_resource_filters: [
        { type: 'name', style: 'input' },
        { type: 'tag', style: 'input' },
        ...(nativeOnly ? [] : [{ type: 'label', style: 'input' }]),
      ],
      supported_triggers: nativeOnly
        ? ['manual', 'scheduled']
        : ['manual', 'scheduled', 'event_based'],
      supported_copy_by_chunk: registry.type === 'harbor',
    });
  },

  listRegistryProviderTypes(ctx) {
    requireSystemAccess(ctx, 'replication-adapter', 'list');
    return ok(REGISTRY_TYPES);
  },
};
