/**
 * Node library of the Harbor plugins: instance configuration and a typed client of the Harbor v2.0 API,
 * generated from the official spec, with Harbor's quirks handled once (double-encoded repository names,
 * `X-Is-Resource-Name`, paging by `X-Total-Count`, bad credentials answered as anonymous, CSRF and cookies).
 *
 * @packageDocumentation
 */
export {
  DEFAULT_HARBOR_MAX_CONCURRENCY,
  DEFAULT_HARBOR_REQUEST_TIMEOUT_MS,
  HarborInstances,
  normalizeBaseUrl,
  readHarborInstances,
} from './config';
export type { HarborInstanceConfig } from './config';
export { HarborClient } from './client/HarborClient';
export type { HarborClientOptions } from './client/HarborClient';
export { HarborClients } from './client/HarborClients';
export type { HarborClientsOptions } from './client/HarborClients';
export {
  harborDeadlineRemainingMs,
  withHarborDeadline,
} from './client/resilience/deadline';
export {
  HarborCredentialsRejectedError,
  HarborUnavailableError,
  isHarborCircuitOpen,
  isHarborCredentialsRejected,
} from './client/resilience/errors';
export type { HarborCircuitBreakerOptions } from './client/resilience/breaker';
export type {
  HarborConnectionListener,
  HarborResilienceOptions,
} from './client/resilience/guard';
export { DEFAULT_HARBOR_CREDENTIAL_CHECK_INTERVAL_MS } from './client/resilience/config';
export * from './services';
export * from './kubernetes';
export * from './ownership';
export * from './permissions';
export { readDurationMs } from './duration';
export type {
  HarborCallInit,
  HarborCallResult,
  HarborRequestContext,
  HarborSend,
} from './client/core';
export type { HarborFetch } from './client/transport';
export type { HarborRetryOptions } from './client/retry';
export type { HarborArtifactsApi } from './client/api/artifacts';
export { HARBOR_ACCESSORY_TYPES } from './client/api/artifacts';
export type {
  HarborAuditLogQuery,
  HarborAuditLogsApi,
  HarborListPage,
} from './client/api/auditLogs';
export type { HarborImmutabilityApi } from './client/api/immutability';
export type { HarborLabelsApi } from './client/api/labels';
export type { HarborMembersApi } from './client/api/members';
export type { HarborProjectsApi } from './client/api/projects';
export type { HarborQuotasApi } from './client/api/quotas';
export type {
  HarborRegistriesApi,
  HarborReplicationApi,
} from './client/api/replication';
export type { HarborRepositoriesApi } from './client/api/repositories';
export type { HarborRetentionApi } from './client/api/retention';
export type { HarborRobotsApi } from './client/api/robots';
export type { HarborSystemApi } from './client/api/system';
export type { HarborWebhooksApi } from './client/api/webhooks';
export { relativeRepositoryName } from './client/encoding';
export { HARBOR_MAX_PAGE_SIZE } from './client/pagination';
export type { ListAllOptions } from './client/pagination';
export {
  HarborApiError,
  getHarborApiError,
  isHarborNotFound,
  toBackstageError,
} from './client/errors';
export type { HarborFailureKind } from './client/errors';
export {
  DEFAULT_ACCEPT_VULNERABILITIES,
  VULNERABILITY_REPORT_V10_MIME_TYPE,
  VULNERABILITY_REPORT_V11_MIME_TYPE,
  pickVulnerabilityReport,
} from './client/vulnerabilities';
export type {
  HarborVulnerability,
  HarborVulnerabilityReport,
  HarborVulnerabilityReports,
} from './client/vulnerabilities';
export type {
  HarborAccessory,
  HarborArtifact,
  HarborArtifactGetOptions,
  HarborArtifactListOptions,
  HarborAuditLogExt,
  HarborConfigurations,
  HarborGCHistory,
  HarborGeneralInfo,
  HarborImmutableRule,
  HarborLabel,
  HarborListQuery,
  HarborOverallHealthStatus,
  HarborProject,
  HarborProjectMember,
  HarborProjectMemberEntity,
  HarborProjectRef,
  HarborProjectReq,
  HarborProjectSummary,
  HarborQuota,
  HarborQuotaUpdateReq,
  HarborRegistry,
  HarborRegistryUpdate,
  HarborReplicationExecution,
  HarborReplicationPolicy,
  HarborRepository,
  HarborRetentionPolicy,
  HarborRetentionRule,
  HarborRobot,
  HarborRobotCreate,
  HarborRobotCreated,
  HarborRobotSec,
  HarborScannerRegistration,
  HarborSchemas,
  HarborWebhookPolicy,
} from './client/types';
export { doublestarMatch } from './doublestar';
export { HARBOR_WEBHOOK_EVENT_TYPES } from './webhooks';
export type { HarborWebhookEventType } from './webhooks';
export * from './registry';
export * from './migration';
