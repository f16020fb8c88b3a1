import type {
  CVEAllowlist,
  ImmutableRule,
  Label,
  Registry,
  ReplicationPolicy,
  RetentionPolicy,
  RobotPermission,
  ScannerRegistration,
  WebhookPolicy,
} from './harborTypes';
import { Prng } from './prng';

/** The report MIME types Harbor keys scan overviews and reports by. @public */
export const VULNERABILITY_REPORT_V11 =
  'application/vnd.security.vulnerability.report; version=1.1';
/** @public */
export const VULNERABILITY_REPORT_HARBOR_V10 =
  'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';

/** @public */
export type Severity =
  | 'None'
  | 'Unknown'
  | 'Negligible'
  | 'Low'
  | 'Medium'
  | 'High'
  | 'Critical';

/** Harbor's severity order (pkg/scan/vuln/severity.go), lowest first. */
export const SEVERITY_ORDER: Severity[] = [
  'None',
  'Unknown',
  'Negligible',
  'Low',
  'Medium',
  'High',
  'Critical',
];

/** @public */
export interface HarborUserRecord {
  user_id: number;
  username: string;
  password: string;
  sysadmin: boolean;
  email: string;
  realname: string;
  /** Names of user groups the user belongs to (LDAP/OIDC groups). */
  groups: string[];
  creation_time: string;
}

/** @public */
export interface UserGroupRecord {
  id: number;
  group_name: string;
  group_type: number;
  ldap_group_dn?: string;
}

/** @public */
export interface ProjectRecord {
  project_id: number;
  name: string;
  owner_id: number;
  owner_name: string;
  /** All values are strings, as in Harbor's ProjectMetadata. */
  metadata: Record<string, string>;
  cve_allowlist: CVEAllowlist;
  registry_id?: number;
  creation_time: string;
  update_time: string;
}

/** @public */
export interface QuotaRecord {
  id: number;
  project_id: number;
  /** Storage hard limit in bytes, -1 for unlimited. */
  hard: number;
  creation_time: string;
  update_time: string;
}

/** @public */
export interface RepositoryRecord {
  id: number;
  project_id: number;
  /** Full name including the project, e.g. `platform/team/app`. */
  name: string;
  description: string;
  pull_count: number;
  creation_time: string;
  update_time: string;
}

/** @public */
export interface VulnerabilityRecord {
  id: string;
  package: string;
  version: string;
  fix_version: string;
  severity: Severity;
  description: string;
  links: string[];
  cvss_v3_score?: number;
  cvss_v3_vector?: string;
  cwe_ids: string[];
}

/** @public */
export interface ScannerInfo {
  name: string;
  vendor: string;
  version: string;
}

/** @public */
export type ScanStatus =
  | 'Pending'
  | 'Running'
  | 'Scheduled'
  | 'Success'
  | 'Error'
  | 'Stopped';

/** @public */
export interface ScanRecord {
  mimeType: string;
  report_id: string;
  /** Status fixed at seed time; ignored while a requested scan is progressing. */
  status: ScanStatus;
  scanner: ScannerInfo;
  start_time: string;
  end_time?: string;
  vulnerabilities: VulnerabilityRecord[];
  /** Set for scans requested through the API: the status follows the clock from this time. */
  requested_at?: number;
  /** A requested scan that ends in `Error` instead of `Success` (`POST /_simulator/scan` with `fail`). */
  fails?: boolean;
}

/** @public */
export interface TagRecord {
  id: number;
  name: string;
  push_time: string;
  pull_time: string;
}

/** @public */
export interface AccessoryRecord {
  id: number;
  digest: string;
  size: number;
  type: string;
  creation_time: string;
}

/**
 * One audit-log entry, stored once and answered in both of Harbor's shapes: `AuditLogExt` (the current
 * `/auditlog-exts` API) and the deprecated `AuditLog` (`/audit-logs`, `/projects/{p}/logs`).
 *
 * @public
 */
export interface AuditLogRecord {
  id: number;
  project_id: number;
  username: string;
  /** e.g. `team-a/web:v1.4.1`, `team-a/web@sha256:…` or `team-a`. */
  resource: string;
  /** `artifact`, `tag`, `repository` or `project`. */
  resource_type: string;
  /** `create`, `delete` or `pull`. */
  operation: string;
  operation_description: string;
  operation_result: boolean;
  op_time: string;
}

/** @public */
export interface ArtifactRecord {
  id: number;
  project_id: number;
  repository_id: number;
  digest: string;
  size: number;
  type: string;
  media_type: string;
  manifest_media_type: string;
  push_time: string;
  pull_time: string;
  tags: TagRecord[];
  extra_attrs: Record<string, unknown>;
  annotations?: Record<string, string>;
  labels: number[];
  scans: ScanRecord[];
  /** What a scan would find; revealed when a requested scan succeeds. */
  latent_vulnerabilities: VulnerabilityRecord[];
  accessories: AccessoryRecord[];
}

/** @public */
export interface RobotRecord {
  id: number;
  /** Short name as given at creation, e.g. `ci`. */
  name: string;
  level: 'system' | 'project';
  project_id?: number;
  project_name?: string;
  description: string;
  duration: number;
  disable: boolean;
  expires_at: number;
  permissions: RobotPermission[];
  secret: string;
  creator_type: string;
  creator_ref: number;
  creation_time: string;
  update_time: string;
}

/** @public */
export interface MemberRecord {
  id: number;
  project_id: number;
  entity_type: 'u' | 'g';
  entity_id: number;
  entity_name: string;
  role_id: number;
}

/** @public */
export interface RetentionRecord {
  id: number;
  policy: RetentionPolicy;
  executions: Array<{
    id: number;
    dry_run: boolean;
    trigger: string;
    started_at: number;
  }>;
}

/** @public */
export interface ReplicationExecutionRecord {
  id: number;
  policy_id: number;
  trigger: string;
  started_at: number;
  stopped_at?: number;
  total: number;
  /** Set when the execution really copies: a pull from a `docker-registry` endpoint (see replication/). */
  copy?: ReplicationCopyRecord;
}

/** What a copying execution did; its status shows once the execution's duration has passed too. @public */
export interface ReplicationCopyRecord {
  /** The copy job has ended (successfully or not). */
  done: boolean;
  /** Clock time the job ended. */
  finished_at?: number;
  /** Why the whole execution failed (source unreachable, auth, flattening), as Harbor's status_text. */
  error?: string;
  tasks: ReplicationTaskRecord[];
}

/** One task: one source repository and its selected tags (Harbor's flow makes a task per resource). @public */
export interface ReplicationTaskRecord {
  id: number;
  execution_id: number;
  job_id: string;
  src_resource: string;
  dst_resource: string;
  status: 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';
  started_at: number;
  finished_at?: number;
  log: string[];
}

/** @public */
export interface GcRecord {
  id: number;
  job_kind: string;
  job_parameters: string;
  job_status: string;
  schedule_type: string;
  creation_time: string;
  update_time: string;
}

/** @public */
export const ROBOT_NAME_PREFIX = 'robot$';

/** Full robot name as Harbor returns it: `robot$name` or `robot$project+name`. @public */
export function robotFullName(robot: RobotRecord): string {
  return robot.level === 'project'
    ? `${ROBOT_NAME_PREFIX}${robot.project_name}+${robot.name}`
    : `${ROBOT_NAME_PREFIX}${robot.name}`;
}

class Sequence {
  constructor(private value: number) {}
  next(): number {
    return this.value++;
  }
}

/**
 * Everything the simulated Harbor holds. Tests may read and change it directly (`sim.state`) to arrange
 * situations the API cannot create, such as a push or a failed scan.
 *
 * @public
 */
export class HarborState {
  readonly users: HarborUserRecord[] = [];
  readonly userGroups: UserGroupRecord[] = [];
  readonly projects: ProjectRecord[] = [];
  readonly quotas: QuotaRecord[] = [];
  readonly repositories: RepositoryRecord[] = [];
  readonly artifacts: ArtifactRecord[] = [];
  readonly robots: RobotRecord[] = [];
  readonly members: MemberRecord[] = [];
  readonly labels: Label[] = [];
  readonly retentions: RetentionRecord[] = [];
  readonly immutableRules: Array<{
    id: number;
    project_id: number;
    rule: ImmutableRule;
  }> = [];
  readonly webhookPolicies: Array<
    WebhookPolicy & { id: number; project_id: number }
  > = [];
  readonly scanners: ScannerRegistration[] = [];
  /** Project id → scanner uuid, when a project does not use the default scanner. */
  readonly projectScanners = new Map<number, string>();
  readonly registries: Array<Registry & { id: number }> = [];
  readonly replicationPolicies: Array<ReplicationPolicy & { id: number }> = [];
  readonly replicationExecutions: ReplicationExecutionRecord[] = [];
  readonly gcHistory: GcRecord[] = [];
  /** Oldest first; see auditLog.ts for what is recorded. */
  readonly auditLogs: AuditLogRecord[] = [];
  /** Health components to report unhealthy, with their error text. */
  readonly unhealthyComponents = new Map<string, string>();
  /** System configuration values the simulator honours. */
  readonly configuration = {
    read_only: false,
    project_creation_restriction: 'everyone' as 'everyone' | 'adminonly',
    quota_per_project_enable: true,
    /** Default storage limit of a new project in bytes, -1 for unlimited. */
    storage_per_project: -1,
    notification_enable: true,
    /** Where Harbor forwards audit logs (syslog endpoint); empty when forwarding is off. */
    audit_log_forward_endpoint: '',
    skip_audit_log_database: false,
  };

  readonly ids = {
    user: new Sequence(1),
    userGroup: new Sequence(1),
    project: new Sequence(1),
    // Harbor's quota ids are not project ids (harbor#12876); an offset makes confusing them visible.
    quota: new Sequence(101),
    repository: new Sequence(1),
    artifact: new Sequence(1),
    tag: new Sequence(1),
    accessory: new Sequence(1),
    robot: new Sequence(1),
    member: new Sequence(1),
    label: new Sequence(1),
    retention: new Sequence(1),
    retentionExecution: new Sequence(1),
    immutableRule: new Sequence(1),
    webhookPolicy: new Sequence(1),
    registry: new Sequence(1),
    replicationPolicy: new Sequence(1),
    replicationExecution: new Sequence(1),
    replicationTask: new Sequence(1),
    gc: new Sequence(1),
    auditLog: new Sequence(1),
  };

  /** Deterministic source for digests, uuids and secrets. */
  readonly random: Prng;

  constructor(seed: number | string = 'harbor-simulator') {
    this.random = new Prng(seed);
  }

  projectByName(name: string): ProjectRecord | undefined {
    return this.projects.find(p => p.name === name);
  }

  projectById(id: number): ProjectRecord | undefined {
    return this.projects.find(p => p.project_id === id);
  }

  quotaOfProject(projectId: number): QuotaRecord | undefined {
    return this.quotas.find(q => q.project_id === projectId);
  }

  repositoryByName(fullName: string): RepositoryRecord | undefined {
    return this.repositories.find(r => r.name === fullName);
  }

  repositoriesOfProject(projectId: number): RepositoryRecord[] {
    return this.repositories.filter(r => r.project_id === projectId);
  }

  artifactsOfRepository(repositoryId: number): ArtifactRecord[] {
    return this.artifacts.filter(a => a.repository_id === repositoryId);
  }

  /** Storage used by a project: the sum of its artifact sizes, as Harbor's quota usage counts them. */
  projectStorageUsed(projectId: number): number {
    let used = 0;
    for (const a of this.artifacts)
      if (a.project_id === projectId) used += a.size;
    return used;
  }

  userByName(username: string): HarborUserRecord | undefined {
    return this.users.find(u => u.username === username);
  }
}
