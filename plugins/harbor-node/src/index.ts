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
export { HarborClients } from './client/HarborClients';
export * from './services';
export * from './kubernetes';
export { readDurationMs } from './duration';
export type {
  HarborCallInit,
  HarborCallResult,
  HarborClientOptions,
  HarborRequestContext,
} from './client/HarborClient';
export type { HarborFetch } from './client/transport';
export type { HarborRetryOptions } from './client/retry';
export {
  encodeRepositoryName,
  relativeRepositoryName,
} from './client/encoding';
export { idFromLocation, lastLocationSegment } from './client/location';
export { HARBOR_MAX_PAGE_SIZE, listAll, totalCount } from './client/pagination';
export type { HarborPage, ListAllOptions } from './client/pagination';
export {
  HarborApiError,
  getHarborApiError,
  toBackstageError,
} from './client/errors';
export type { HarborFailureKind } from './client/errors';
export {
  DEFAULT_ACCEPT_VULNERABILITIES,
  VULNERABILITY_REPORT_V10_MIME_TYPE,
  VULNERABILITY_REPORT_V11_MIME_TYPE,
  parseVulnerabilityAddition,
  pickVulnerabilityReport,
} from './client/vulnerabilities';
export type {
  HarborVulnerability,
  HarborVulnerabilityReport,
  HarborVulnerabilityReports,
} from './client/vulnerabilities';
export type * from './client/types';
export {
  HARBOR_ACCESSORY_TYPES,
  getConfigurations,
  listAccessories,
  listProjectAuditLogs,
} from './client/supplyChain';
export type {
  HarborAccessory,
  HarborAuditLogExt,
  HarborAuditLogQuery,
  HarborConfigurations,
  HarborListPage,
} from './client/supplyChain';
export type { components, operations, paths } from './generated/harbor';
export { doublestarMatch } from './doublestar';
export * from './registry';
export * from './migration';
