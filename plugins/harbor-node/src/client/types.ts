import type { components, operations } from '../generated/harbor';

/**
 * Every schema of Harbor's spec by its name, e.g. `HarborSchemas['Tag']`, for code that stores or serves
 * Harbor's records exactly as the spec defines them (the Harbor simulator). Callers of the client use the named
 * types below.
 * @public
 */
export type HarborSchemas = components['schemas'];
/** @public */ export type HarborProject = components['schemas']['Project'];
/** @public */ export type HarborProjectReq =
  components['schemas']['ProjectReq'];
/** @public */ export type HarborProjectSummary =
  components['schemas']['ProjectSummary'];
/** @public */ export type HarborQuota = components['schemas']['Quota'];
/** @public */ export type HarborQuotaUpdateReq =
  components['schemas']['QuotaUpdateReq'];
/** @public */ export type HarborRobot = components['schemas']['Robot'];
/** @public */ export type HarborRobotCreate =
  components['schemas']['RobotCreate'];
/** @public */ export type HarborRobotCreated =
  components['schemas']['RobotCreated'];
/** @public */ export type HarborRobotSec = components['schemas']['RobotSec'];
/**
 * A retention rule. The spec declares `params` values as objects, but Harbor reads and writes numbers
 * (`{"latestPushedK": 10}`, harbor-api.md §5), so `params` is widened here.
 * @public
 */
export type HarborRetentionRule = Omit<
  components['schemas']['RetentionRule'],
  'params'
> & {
  params?: Record<string, unknown>;
};
/**
 * A retention policy, with `rules` as {@link HarborRetentionRule} and `trigger.settings` (`{cron}`) and
 * `trigger.references` widened from the spec's property-less objects, which the generated types make unusable.
 * @public
 */
export type HarborRetentionPolicy = Omit<
  components['schemas']['RetentionPolicy'],
  'rules' | 'trigger'
> & {
  rules?: HarborRetentionRule[];
  trigger?: Omit<
    components['schemas']['RetentionRuleTrigger'],
    'settings' | 'references'
  > & {
    settings?: Record<string, unknown>;
    references?: Record<string, unknown>;
  };
};
/** An immutability rule, with `params` widened as in {@link HarborRetentionRule}. @public */
export type HarborImmutableRule = Omit<
  components['schemas']['ImmutableRule'],
  'params'
> & {
  params?: Record<string, unknown>;
};
/** @public */ export type HarborProjectMember =
  components['schemas']['ProjectMember'];
/** @public */ export type HarborProjectMemberEntity =
  components['schemas']['ProjectMemberEntity'];
/** @public */ export type HarborLabel = components['schemas']['Label'];
/** @public */ export type HarborWebhookPolicy =
  components['schemas']['WebhookPolicy'];
/** @public */ export type HarborRepository =
  components['schemas']['Repository'];
/** @public */ export type HarborArtifact = components['schemas']['Artifact'];
/** @public */ export type HarborScannerRegistration =
  components['schemas']['ScannerRegistration'];
/** @public */ export type HarborOverallHealthStatus =
  components['schemas']['OverallHealthStatus'];
/** @public */ export type HarborGeneralInfo =
  components['schemas']['GeneralInfo'];
/** @public */ export type HarborRegistry = components['schemas']['Registry'];
/** @public */ export type HarborRegistryUpdate =
  components['schemas']['RegistryUpdate'];
/** @public */ export type HarborReplicationPolicy =
  components['schemas']['ReplicationPolicy'];
/** @public */ export type HarborReplicationExecution =
  components['schemas']['ReplicationExecution'];
/** @public */ export type HarborGCHistory = components['schemas']['GCHistory'];
/** A signature or SBOM attached to an artifact (`type` e.g. `signature.cosign`, `harbor.sbom`). @public */
export type HarborAccessory = components['schemas']['Accessory'];
/** An entry of the current audit-log API (`/auditlog-exts`, Harbor 2.13+). @public */
export type HarborAuditLogExt = components['schemas']['AuditLogExt'];
/** The system configuration as `GET /configurations` answers it (admins only). @public */
export type HarborConfigurations =
  components['schemas']['ConfigurationsResponse'];

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
