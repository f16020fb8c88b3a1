/**
 * A Harbor v2.0 API simulator: a real HTTP server with Harbor's semantics that validates every request and
 * response against the official spec. For tests and local development of the Harbor plugins.
 *
 * @packageDocumentation
 */
export {
  startHarborSimulator,
  createHarborSimulatorApp,
  implementedOperations,
  HarborSimulatorApp,
} from './server';
export type {
  HarborSimulator,
  HarborSimulatorOptions,
  HarborSimulatorSeed,
} from './server';
export { ManualClock, systemClock } from './clock';
export type { HarborClock } from './clock';
export { HarborFaults } from './faults';
export type { HarborFault, InjectedFault } from './faults';
export { HarborRequestLog } from './requestLog';
export type { HarborCallCounts, HarborRequestLogEntry } from './requestLog';
export type { HarborSpecViolation, HarborValidationMode } from './validation';
export { HarborError } from './errors';
export {
  HarborState,
  VULNERABILITY_REPORT_V11,
  VULNERABILITY_REPORT_HARBOR_V10,
  robotFullName,
} from './state';
export type {
  ArtifactRecord,
  ProjectRecord,
  RepositoryRecord,
  RobotRecord,
  ScanRecord,
  Severity,
  VulnerabilityRecord,
} from './state';
export {
  addArtifacts,
  DEFAULT_USERS,
  DEMO_FLEET_CVE,
  DEMO_ROBOTS,
  seedDemo,
} from './seed';
export type { AddArtifactsOptions, HarborSimulatorUser } from './seed';
export { createProjectRecord, pushArtifact } from './builders';
export type { NewArtifact, NewProject } from './builders';
export { CVE_CATALOG } from './cves';
export type { ScanDurations } from './vulnerabilities';
export type { HarborPrincipal } from './context';
export { HarborWebhooks } from './webhooks/events';
export type { HarborWebhookOptions } from './webhooks/events';
export { HARBOR_WEBHOOK_RETRY_POLICY } from './webhooks/delivery';
export type {
  HarborWebhookAttempt,
  HarborWebhookDelivery,
  HarborWebhookRetryPolicy,
} from './webhooks/delivery';
export type {
  HarborWebhookEventName,
  HarborWebhookPayload,
  HarborWebhookRepository,
  HarborWebhookResource,
} from './webhooks/payloads';
