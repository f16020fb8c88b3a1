import type { components, operations } from '../generated/harbor';

type Schemas = components['schemas'];

/** @public */ export type HarborProject = Schemas['Project'];
/** @public */ export type HarborProjectReq = Schemas['ProjectReq'];
/** @public */ export type HarborProjectSummary = Schemas['ProjectSummary'];
/** @public */ export type HarborProjectDeletable = Schemas['ProjectDeletable'];
/** @public */ export type HarborQuota = Schemas['Quota'];
/** @public */ export type HarborQuotaUpdateReq = Schemas['QuotaUpdateReq'];
/** @public */ export type HarborRobot = Schemas['Robot'];
/** @public */ export type HarborRobotCreate = Schemas['RobotCreate'];
/** @public */ export type HarborRobotCreated = Schemas['RobotCreated'];
/** @public */ export type HarborRobotSec = Schemas['RobotSec'];
/**
 * A retention rule. The spec declares `params` values as objects, but Harbor reads and writes numbers
 * (`{"latestPushedK": 10}`, harbor-api.md §5), so `params` is widened here.
 * @public
 */
export type HarborRetentionRule = Omit<Schemas['RetentionRule'], 'params'> & {
  params?: Record<string, unknown>;
};
/**
 * A retention policy, with `rules` as {@link HarborRetentionRule} and `trigger.settings` (`{cron}`) and
 * `trigger.references` widened from the spec's property-less objects, which the generated types make unusable.
 * @public
 */
export type HarborRetentionPolicy = Omit<
  Schemas['RetentionPolicy'],
  'rules' | 'trigger'
> & {
  rules?: HarborRetentionRule[];
  trigger?: Omit<Schemas['RetentionRuleTrigger'], 'settings' | 'references'> & {
    settings?: Record<string, unknown>;
    references?: Record<string, unknown>;
  };
};
/** @public */ export type HarborRetentionMetadata =
  Schemas['RetentionMetadata'];
/** An immutability rule, with `params` widened as in {@link HarborRetentionRule}. @public */
export type HarborImmutableRule = Omit<Schemas['ImmutableRule'], 'params'> & {
  params?: Record<string, unknown>;
};
/** @public */ export type HarborProjectMember = Schemas['ProjectMember'];
/** @public */ export type HarborProjectMemberEntity =
  Schemas['ProjectMemberEntity'];
/** @public */ export type HarborRoleRequest = Schemas['RoleRequest'];
/** @public */ export type HarborWebhookPolicy = Schemas['WebhookPolicy'];
/** @public */ export type HarborSupportedWebhookEventTypes =
  Schemas['SupportedWebhookEventTypes'];
/** @public */ export type HarborRepository = Schemas['Repository'];
/** @public */ export type HarborArtifact = Schemas['Artifact'];
/** @public */ export type HarborScanType = Schemas['ScanType'];
/** @public */ export type HarborScannerRegistration =
  Schemas['ScannerRegistration'];
/** @public */ export type HarborOverallHealthStatus =
  Schemas['OverallHealthStatus'];
/** @public */ export type HarborGeneralInfo = Schemas['GeneralInfo'];
/** @public */ export type HarborStatistic = Schemas['Statistic'];
/** @public */ export type HarborRegistry = Schemas['Registry'];
/** @public */ export type HarborRegistryUpdate = Schemas['RegistryUpdate'];
/** @public */ export type HarborRegistryPing = Schemas['RegistryPing'];
/** @public */ export type HarborReplicationPolicy =
  Schemas['ReplicationPolicy'];
/** @public */ export type HarborReplicationExecution =
  Schemas['ReplicationExecution'];
/** @public */ export type HarborUserResp = Schemas['UserResp'];
/** @public */ export type HarborGCHistory = Schemas['GCHistory'];
/** @public */ export type HarborLabel = Schemas['Label'];

/** The query of a Harbor list operation, without the paging that the client handles. @public */
export type HarborListQuery<K extends keyof operations> = Omit<
  NonNullable<NonNullable<operations[K]['parameters']>['query']>,
  'page' | 'page_size'
>;

/**
 * A project, by name (a string; sent with `X-Is-Resource-Name: true`, so a numeric name like `"123"` is still a
 * name, harbor#22383) or by id (a number).
 * @public
 */
export type HarborProjectRef = string | number;

/** Options of the artifact reads. @public */
export type HarborArtifactListOptions = HarborListQuery<'listArtifacts'> & {
  /**
   * The report MIME types to accept for `scan_overview`, most wanted first. Default: both of Harbor's, v1.1
   * first, so that Trivy results show on Harbor versions whose default omits v1.1 (harbor#16085).
   */
  acceptVulnerabilities?: string[];
};

/** @public */
export type HarborArtifactGetOptions = Omit<
  NonNullable<operations['getArtifact']['parameters']['query']>,
  'page' | 'page_size'
> & { acceptVulnerabilities?: string[] };

/** Who the configured credentials are, by `GET /users/current`. @public */
export type HarborIdentity =
  | { kind: 'user'; username: string; sysadmin: boolean; userId?: number }
  | { kind: 'robot' }
  | { kind: 'anonymous' };
