import {
  REGISTRY_TYPE,
  nameFilter,
  policyName,
  verifyMigration,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  DockerRegistryRepository,
  HarborClient,
  HarborRegistry,
  HarborReplicationPolicy,
  MigrationPlan,
  MigrationVerification,
  PlannedProject,
  SourceRegistryConfig,
} from '@backstage-harbor/plugin-harbor-node';
import { ConflictError, isError } from '@backstage/errors';
import { Plan } from '../provisioning/plan';

const MANAGED = 'Managed by Backstage (harbor:migration:replicate)';

export type ExecutionStatus = 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';

/** A migration as requested: the old registry, its mapping to Harbor projects, already validated. */
export interface ReplicationRequest {
  /** The Harbor registry endpoint of the old registry, matched by this name. */
  registryName: string;
  source: SourceRegistryConfig;
  /** Send the configured credentials again although nothing else differs. */
  refreshCredentials: boolean;
  mapping: MigrationPlan;
  /** The old registry's repositories by name, with their tags and digests. */
  sourceRepositories: Map<string, DockerRegistryRepository>;
}

/** One target project's policy and execution. */
export interface PolicyResult {
  project: string;
  policy: string;
  /** Absent in a dry run of a new policy. */
  policyId?: number;
  executionId?: number;
  status: ExecutionStatus | 'NotStarted' | 'Complete';
}

export interface ReplicationResult {
  /** Absent in a dry run of a new registry endpoint. */
  registryId?: number;
  policies: PolicyResult[];
  /** Tags and digests on both sides before any execution started. */
  before: MigrationVerification;
}

/**
 * Creates a resource Harbor names uniquely; a 409 means an earlier attempt created it but its answer was lost,
 * so the id is that of the one by the name.
 */
async function createOrFind(
  create: () => Promise<number>,
  list: () => Promise<Array<{ id?: number; name?: string }>>,
  name: string,
): Promise<number> {
  try {
    return await create();
  } catch (error) {
    if (!(isError(error) && error.name === 'ConflictError')) throw error;
    const again = (await list()).find(r => r.name === name);
    if (!again?.id) throw error;
    return again.id;
  }
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
      (p.filters ?? []).map(f => ({
        type: f.type,
        value: f.value,
        decoration: f.decoration ?? 'matches',
      })),
    );
  if (filters(found) !== filters(want)) diff.push('name filter');
  if (found.trigger?.type !== 'manual')
    diff.push(`trigger ${found.trigger?.type} → manual`);
  if (found.enabled === false) diff.push('disabled → enabled');
  return diff;
}

/**
 * The old registry as a Harbor registry endpoint, one pull-based replication policy per target project, and an
 * execution for each project with a tag missing or different in Harbor. Everything is matched by name, so a rerun
 * creates nothing twice; a running execution is tracked instead of starting a second one.
 */
export class ReplicationReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
  ) {}

  async reconcile(request: ReplicationRequest): Promise<ReplicationResult> {
    const registryId = await this.reconcileRegistry(request);
    const existing = await this.client.replication.listPolicies();
    const before = await verifyMigration(
      this.client,
      request.mapping.repositories,
      request.sourceRepositories,
    );
    const incomplete = new Set(
      before.repositories
        .filter(r => r.missing.length || r.mismatched.length)
        .map(r => r.source),
    );
    const policies: PolicyResult[] = [];
    for (const project of request.mapping.projects) {
      const policyId = await this.reconcilePolicy(
        existing,
        request.registryName,
        registryId,
        project,
      );
      policies.push(
        await this.reconcileExecution(
          policyName(request.registryName, project.project),
          policyId,
          project,
          project.repositories.filter(r => incomplete.has(r)),
        ),
      );
    }
    return { registryId, policies, before };
  }

  /**
   * The registry endpoint, matched by name (Harbor answers a duplicate name with 409, harbor-api.md §8). Its
   * credentials come from `harbor.migration.sourceRegistry` only; Harbor never returns a stored secret, so a
   * changed password is only sent when asked (`refreshCredentials`).
   */
  private async reconcileRegistry({
    registryName: name,
    source,
    refreshCredentials,
  }: ReplicationRequest): Promise<number | undefined> {
    const resource = `registry endpoint ${name}`;
    const found = (await this.client.registries.list()).find(
      r => r.name === name,
    );
    const credential = {
      type: 'basic',
      access_key: source.username ?? '',
      access_secret: source.password ?? '',
    };
    if (!found) {
      const anonymous = source.username
        ? ` as ${source.username}`
        : ', anonymous';
      if (
        !this.plan.change(
          resource,
          'create',
          `${REGISTRY_TYPE} at ${source.harborUrl}${anonymous}`,
        )
      ) {
        return undefined;
      }
      return this.createRegistry({
        name,
        type: REGISTRY_TYPE,
        url: source.harborUrl,
        insecure: source.insecure,
        credential,
        description: `The old docker-registry being migrated to Harbor. ${MANAGED}`,
      });
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
    if (diff.length) this.plan.drift(resource, diff.join(', '));
    if (refreshCredentials) diff.push('credentials from the configuration');
    if (diff.length === 0) {
      this.plan.inPlace(resource, `${REGISTRY_TYPE} at ${source.harborUrl}`);
      return found.id;
    }
    if (this.plan.change(resource, 'update', diff.join(', '))) {
      await this.client.registries.update(found.id!, {
        url: source.harborUrl,
        insecure: source.insecure,
        credential_type: 'basic',
        access_key: credential.access_key,
        access_secret: credential.access_secret,
      });
    }
    return found.id;
  }

  private createRegistry(registry: HarborRegistry): Promise<number> {
    return createOrFind(
      () => this.client.registries.create(registry),
      () => this.client.registries.list(),
      registry.name!,
    );
  }

  /** The pull-based replication policy of one target project, matched by name. */
  private async reconcilePolicy(
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
      if (
        !this.plan.change(resource, 'create', summary) ||
        registryId === undefined
      )
        return undefined;
      return this.createPolicy(desiredPolicy(name, registryId, project));
    }
    // In a dry run of a new registry endpoint the policy is compared with the id it would keep.
    const want = desiredPolicy(
      name,
      registryId ?? found.src_registry?.id ?? 0,
      project,
    );
    const diff = policyDifferences(found, want);
    if (diff.length === 0) {
      this.plan.inPlace(resource, summary);
      return found.id;
    }
    this.plan.drift(resource, diff.join(', '));
    if (this.plan.change(resource, 'update', diff.join(', '))) {
      await this.client.replication.updatePolicy(found.id!, {
        ...want,
        id: found.id,
      });
    }
    return found.id;
  }

  private createPolicy(policy: HarborReplicationPolicy): Promise<number> {
    return createOrFind(
      () => this.client.replication.createPolicy(policy),
      () => this.client.replication.listPolicies(),
      policy.name!,
    );
  }

  /**
   * An execution of the policy when a repository of its project is incomplete in Harbor, unless one is running
   * already: a rerun tracks that one (found in one request of one item, however many executions the policy has).
   */
  private async reconcileExecution(
    policy: string,
    policyId: number | undefined,
    project: PlannedProject,
    incomplete: string[],
  ): Promise<PolicyResult> {
    const result: PolicyResult = {
      project: project.project,
      policy,
      policyId,
      status: 'NotStarted',
    };
    const resource = `replication of ${policy}`;
    if (incomplete.length === 0) {
      this.plan.inPlace(
        resource,
        'every tag is in Harbor with the same digest',
      );
      return { ...result, status: 'Complete' };
    }
    const running =
      policyId === undefined
        ? undefined
        : await this.client.replication.latestExecution({
            policy_id: policyId,
            status: 'InProgress',
          });
    if (running?.id) {
      this.plan.inPlace(resource, `execution ${running.id} is running`);
      return { ...result, executionId: running.id, status: 'InProgress' };
    }
    if (
      this.plan.change(
        resource,
        'create',
        `execution for ${incomplete.length} of ${project.repositories.length} repositories with missing or different tags`,
      ) &&
      policyId !== undefined
    ) {
      const executionId = await this.client.replication.start(policyId);
      return { ...result, executionId, status: 'InProgress' };
    }
    return result;
  }
}
