import {
  REGISTRY_TYPE,
  nameFilter,
  policyName,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  HarborClient,
  HarborRegistry,
  HarborReplicationExecution,
  HarborReplicationPolicy,
  PlannedProject,
  SourceRegistryConfig,
} from '@backstage-harbor/plugin-harbor-node';
import { ConflictError, isError } from '@backstage/errors';
import { Plan } from '../provisioning/plan';

const MANAGED = 'Managed by Backstage (harbor:migration:replicate)';

/**
 * The Harbor registry endpoint of the old registry, matched by name (Harbor answers a duplicate name with 409,
 * harbor-api.md §8). Its credentials come from `harbor.migration.sourceRegistry` only; Harbor never returns a
 * stored secret, so a changed password is only sent when asked (`refreshCredentials`).
 */
export async function reconcileRegistry(
  client: HarborClient,
  plan: Plan,
  name: string,
  source: SourceRegistryConfig,
  refreshCredentials: boolean,
): Promise<number | undefined> {
  const resource = `registry endpoint ${name}`;
  const found = (await client.listRegistries()).find(r => r.name === name);
  const credential = {
    type: 'basic',
    access_key: source.username ?? '',
    access_secret: source.password ?? '',
  };
  if (!found) {
    if (
      !plan.change(
        resource,
        'create',
        `${REGISTRY_TYPE} at ${source.harborUrl}${
          source.username ? ` as ${source.username}` : ', anonymous'
        }`,
      )
    ) {
      return undefined;
    }
    const registry: HarborRegistry = {
      name,
      type: REGISTRY_TYPE,
      url: source.harborUrl,
      insecure: source.insecure,
      credential,
      description: `The old docker-registry being migrated to Harbor. ${MANAGED}`,
    };
    try {
      return await client.createRegistry(registry);
    } catch (error) {
      if (!(isError(error) && error.name === 'ConflictError')) throw error;
      // An earlier attempt created it but its answer was lost.
      const again = (await client.listRegistries()).find(r => r.name === name);
      if (!again?.id) throw error;
      return again.id;
    }
  }
  if (found.type !== REGISTRY_TYPE) {
    throw new ConflictError(
      `Harbor already has a registry endpoint named ${name} of type ${found.type}, not ${REGISTRY_TYPE}; choose another registryName`,
    );
  }
  const diff: string[] = [];
  if ((found.url ?? '').replace(/\/+$/, '') !== source.harborUrl)
    diff.push(`url ${found.url} → ${source.harborUrl}`);
  if (Boolean(found.insecure) !== source.insecure)
    diff.push(`insecure ${Boolean(found.insecure)} → ${source.insecure}`);
  if ((found.credential?.access_key ?? '') !== credential.access_key)
    diff.push(`username → ${credential.access_key || '(anonymous)'}`);
  if (diff.length) plan.drift(resource, diff.join(', '));
  if (refreshCredentials) diff.push('credentials from the configuration');
  if (diff.length === 0) {
    plan.inPlace(resource, `${REGISTRY_TYPE} at ${source.harborUrl}`);
    return found.id;
  }
  if (plan.change(resource, 'update', diff.join(', '))) {
    await client.updateRegistry(found.id!, {
      url: source.harborUrl,
      insecure: source.insecure,
      credential_type: 'basic',
      access_key: credential.access_key,
      access_secret: credential.access_secret,
    });
  }
  return found.id;
}

function desiredPolicy(
  name: string,
  registryId: number,
  project: PlannedProject,
): HarborReplicationPolicy {
  return {
    name,
    description: `Pulls ${project.repositories.length} repositories of the old registry into project ${project.project}. ${MANAGED}`,
    src_registry: { id: registryId },
    dest_namespace: project.project,
    dest_namespace_replace_count: project.replaceCount,
    filters: [{ type: 'name', value: nameFilter(project.repositories) }],
    // A docker-registry source sends no events: manual or scheduled only (harbor-api.md §8).
    trigger: { type: 'manual' },
    override: true,
    enabled: true,
    replicate_deletion: false,
    speed: -1,
  };
}

function policyDifferences(
  found: HarborReplicationPolicy,
  want: HarborReplicationPolicy,
): string[] {
  const diff: string[] = [];
  if (found.src_registry?.id !== want.src_registry?.id)
    diff.push(
      `source registry ${found.src_registry?.id} → ${want.src_registry?.id}`,
    );
  if (found.dest_registry?.id) diff.push('push mode → pull mode');
  if (found.dest_namespace !== want.dest_namespace)
    diff.push(`destination ${found.dest_namespace} → ${want.dest_namespace}`);
  if (
    (found.dest_namespace_replace_count ?? -1) !==
    want.dest_namespace_replace_count
  ) {
    diff.push(
      `replace count ${found.dest_namespace_replace_count} → ${want.dest_namespace_replace_count}`,
    );
  }
  const filters = (p: HarborReplicationPolicy) =>
    JSON.stringify(
      (p.filters ?? [])
        .map(f => ({ type: f.type, value: f.value, decoration: f.decoration }))
        .map(f => ({
          ...f,
          decoration: f.decoration ?? 'matches',
        })),
    );
  if (filters(found) !== filters(want)) diff.push('name filter');
  if (found.trigger?.type !== 'manual')
    diff.push(`trigger ${found.trigger?.type} → manual`);
  if (found.enabled === false) diff.push('disabled → enabled');
  return diff;
}

/** The pull-based replication policy of one target project, matched by name. */
export async function reconcilePolicy(
  client: HarborClient,
  plan: Plan,
  existing: HarborReplicationPolicy[],
  registryName: string,
  registryId: number | undefined,
  project: PlannedProject,
): Promise<number | undefined> {
  const name = policyName(registryName, project.project);
  const resource = `replication policy ${name}`;
  const summary = `pull ${project.repositories.length} repositories (${project.tags} tags) into project ${project.project}`;
  const found = existing.find(p => p.name === name);
  if (!found) {
    if (!plan.change(resource, 'create', summary) || registryId === undefined)
      return undefined;
    try {
      return await client.createReplicationPolicy(
        desiredPolicy(name, registryId, project),
      );
    } catch (error) {
      if (!(isError(error) && error.name === 'ConflictError')) throw error;
      const again = (await client.listReplicationPolicies()).find(
        p => p.name === name,
      );
      if (!again?.id) throw error;
      return again.id;
    }
  }
  // In a dry run of a new registry endpoint the policy is compared with the id it would keep.
  const want = desiredPolicy(
    name,
    registryId ?? found.src_registry?.id ?? 0,
    project,
  );
  const diff = policyDifferences(found, want);
  if (diff.length === 0) {
    plan.inPlace(resource, summary);
    return found.id;
  }
  plan.drift(resource, diff.join(', '));
  if (plan.change(resource, 'update', diff.join(', '))) {
    await client.updateReplicationPolicy(found.id!, {
      ...want,
      id: found.id,
    });
  }
  return found.id;
}

export type ExecutionStatus = 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';

/**
 * The running execution of a policy, if one is: a rerun tracks it instead of starting a second one. One request
 * of one item, however many executions the policy has.
 */
export async function runningExecution(
  client: HarborClient,
  policyId: number,
): Promise<HarborReplicationExecution | undefined> {
  return client.latestReplicationExecution({
    policy_id: policyId,
    status: 'InProgress',
  });
}

export interface TrackOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (execution: HarborReplicationExecution) => void;
}

/** Polls executions until each one leaves InProgress, or the timeout passes (then they stay InProgress). */
export async function trackExecutions(
  client: HarborClient,
  executionIds: number[],
  options: TrackOptions,
): Promise<Map<number, HarborReplicationExecution>> {
  const deadline = options.now() + options.timeoutMs;
  const results = new Map<number, HarborReplicationExecution>();
  let pending = [...executionIds];
  for (;;) {
    for (const id of pending) {
      const execution = await client.getReplicationExecution(id);
      results.set(id, execution);
      options.onProgress?.(execution);
    }
    pending = pending.filter(id => results.get(id)?.status === 'InProgress');
    if (pending.length === 0 || options.now() >= deadline) return results;
    if (options.signal?.aborted) return results;
    await options.sleep(options.pollIntervalMs);
  }
}
