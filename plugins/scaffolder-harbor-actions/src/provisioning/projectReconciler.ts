import type {
  HarborClient,
  HarborProject,
} from '@backstage-harbor/plugin-harbor-node';
import { isError } from '@backstage/errors';
import { Plan } from './plan';
import { findProject } from './projects';
import { formatQuota } from './quota';
import type { Severity } from './rules';

/** A project as requested, already validated. */
export interface ProjectRequest {
  name: string;
  public: boolean;
  autoScan: boolean;
  /** Block pulls of images with vulnerabilities at or above this severity; no blocking when absent. */
  preventVulnerable?: Severity;
  reuseSystemCveAllowlist: boolean;
  /** Signatures Harbor requires before a pull; content trust is left as it is when absent. */
  contentTrust?: { cosign: boolean; notation: boolean };
  /** Bytes, -1 for unlimited; the quota is left alone when absent. */
  storageQuotaBytes?: number;
}

export interface ProjectResult {
  /** Absent only in a dry run for a project that does not exist yet. */
  projectId?: number;
  created: boolean;
}

/** The metadata Harbor should hold: all values are strings (harbor-api.md §2). `retention_id` is never sent (harbor#18118). */
function desiredMetadata(request: ProjectRequest): Record<string, string> {
  const metadata: Record<string, string> = {
    public: String(request.public),
    auto_scan: String(request.autoScan),
    prevent_vul: String(request.preventVulnerable !== undefined),
    reuse_sys_cve_allowlist: String(request.reuseSystemCveAllowlist),
  };
  if (request.preventVulnerable) metadata.severity = request.preventVulnerable;
  if (request.contentTrust) {
    metadata.enable_content_trust_cosign = String(request.contentTrust.cosign);
    // Notary v1 is gone; since Harbor 2.9 this key makes the registry require a Notation signature (src:
    // server/middleware/contenttrust). The spec has no notation-specific key.
    metadata.enable_content_trust = String(request.contentTrust.notation);
  }
  return metadata;
}

/** The keys whose value differs, as `key a → b`; an absent boolean reads as "false", as in Harbor. */
function metadataDrift(
  project: HarborProject,
  wanted: Record<string, string>,
): string[] {
  const current = (project.metadata ?? {}) as Record<
    string,
    string | undefined
  >;
  return Object.entries(wanted)
    .filter(([key, value]) => {
      const have = current[key] ?? (key === 'severity' ? undefined : 'false');
      return (key === 'severity' ? have?.toLowerCase() : have) !== value;
    })
    .map(([key, value]) => `${key} ${current[key] ?? '(unset)'} → ${value}`);
}

/**
 * Creates or reconciles a project and its storage quota. Look up first, then create (Terraform's POST-and-409
 * is not idempotent, harbor-api.md §15); a 409 on create (an earlier attempt whose answer was lost) is read back
 * and reconciled like an existing project. The quota is read back by `reference_id` and put only when it differs.
 */
export class ProjectReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
  ) {}

  async reconcile(request: ProjectRequest): Promise<ProjectResult> {
    const resource = `project ${request.name}`;
    const wanted = desiredMetadata(request);
    let project = await findProject(this.client, request.name);

    if (!project) {
      const quota =
        request.storageQuotaBytes === undefined
          ? ''
          : `, storage quota ${formatQuota(request.storageQuotaBytes)}`;
      const apply = this.plan.change(
        resource,
        'create',
        `create project with ${Object.entries(wanted)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}${quota}`,
      );
      if (!apply) {
        if (request.storageQuotaBytes !== undefined) {
          this.plan.change(
            `quota of ${resource}`,
            'create',
            `storage ${formatQuota(request.storageQuotaBytes)}`,
          );
        }
        return { created: false };
      }
      let created = false;
      let projectId: number;
      try {
        projectId = await this.client.projects.create({
          project_name: request.name,
          metadata: wanted,
          // Honoured only for callers with system-level project:create; the quota is read back below either way.
          ...(request.storageQuotaBytes !== undefined
            ? { storage_limit: request.storageQuotaBytes }
            : {}),
        });
        created = true;
      } catch (error) {
        if (!(isError(error) && error.name === 'ConflictError')) throw error;
        // 409: an earlier attempt created it but its answer was lost. Reconcile it as an existing project.
        project = await this.client.projects.get(request.name);
        projectId = project.project_id!;
        const drift = metadataDrift(project, wanted);
        if (drift.length) await this.updateMetadata(project, wanted, drift);
      }
      if (request.storageQuotaBytes !== undefined) {
        await this.reconcileQuota(projectId, request, created);
      }
      return { projectId, created };
    }

    const drift = metadataDrift(project, wanted);
    if (drift.length === 0) {
      this.plan.inPlace(resource, 'metadata as requested');
    } else {
      this.plan.drift(resource, drift.join(', '));
      await this.updateMetadata(project, wanted, drift);
    }

    const projectId = project.project_id!;
    if (request.storageQuotaBytes !== undefined) {
      await this.reconcileQuota(projectId, request, false);
    }
    return { projectId, created: false };
  }

  private async updateMetadata(
    project: HarborProject,
    wanted: Record<string, string>,
    drift: string[],
  ) {
    if (
      this.plan.change(`project ${project.name}`, 'update', drift.join(', '))
    ) {
      // PUT /projects changes metadata and the CVE allowlist only (storage_limit is ignored, harbor#16972).
      await this.client.projects.update(project.project_id!, {
        metadata: wanted,
      });
    }
  }

  private async reconcileQuota(
    projectId: number,
    request: ProjectRequest,
    created: boolean,
  ) {
    const resource = `quota of project ${request.name}`;
    const wanted = request.storageQuotaBytes!;
    const quota = await this.client.quotas.findByProject(projectId);
    if (!quota?.id) {
      throw new Error(
        `Harbor instance '${this.client.instance.name}' has no quota for project ${request.name}; is quota_per_project_enable off?`,
      );
    }
    const have = (quota.hard as { storage?: number } | undefined)?.storage;
    if (have === wanted) {
      if (!created)
        this.plan.inPlace(resource, `storage ${formatQuota(wanted)}`);
      return;
    }
    const detail = `storage ${formatQuota(have)} → ${formatQuota(wanted)}`;
    if (!created) this.plan.drift(resource, detail);
    if (this.plan.change(resource, 'update', detail)) {
      await this.client.quotas.update(quota.id, { hard: { storage: wanted } });
    }
  }
}
