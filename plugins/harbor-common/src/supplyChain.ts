/*
 * Supply-chain trust view models: signatures and SBOMs attached to artifacts, whether the project's deployment
 * security lets an artifact be pulled, and the audit trail of an entity's repositories.
 */

/** The signatures Harbor lists as accessories of an artifact. @public */
export type SignatureKind = 'cosign' | 'notation';

import type { RepositoryDataStatus } from './types';

/** Whether an artifact is signed, and by which kinds of signature. @public */
export interface ArtifactSignature {
  signed: boolean;
  kinds: SignatureKind[];
}

/**
 * Whether Harbor would serve the artifact to a pull under the project's policies (content trust, the
 * prevent-vulnerable-images severity gate), and if not, why: one sentence per policy that refuses it.
 * @public
 */
export interface ArtifactPullability {
  allowed: boolean;
  reasons: string[];
}

/** One audit-log entry of an entity's repository: who pushed (`create`), pulled or deleted what, when. @public */
export interface HarborAuditLogEntry {
  id: number;
  username: string;
  /** e.g. `team-a/web:v1.4.1` or `team-a/web@sha256:…`. */
  resource: string;
  /** `artifact`, `tag`, `repository`, … as Harbor types it. */
  resourceType: string;
  /** `create` (a push), `pull`, `delete`, … as Harbor names it. */
  operation: string;
  /** ISO time. */
  time: string;
  /** False when Harbor recorded the operation as failed. */
  succeeded: boolean;
  /** The configured instance name. */
  instance: string;
}

/** A page of an entity's audit trail, newest first. @public */
export interface HarborAuditLogPage {
  items: HarborAuditLogEntry[];
  /** Entries over all pages. */
  total: number;
  page: number;
  pageSize: number;
  /** The repositories whose trail could not be read (the others' entries are in `items`), each with why. */
  unavailable?: RepositoryDataStatus[];
}

/** The audit-log operations the audit-trail route filters on. @public */
export const AUDIT_LOG_OPERATIONS = ['create', 'pull', 'delete'] as const;

/** @public */
export type AuditLogOperation = (typeof AUDIT_LOG_OPERATIONS)[number];

/**
 * Whether Harbor forwards its audit logs to a syslog endpoint (`audit_log_forward_endpoint`). `unknown` when
 * the configured account may not read `/configurations` (it needs a sysadmin), with the reason.
 * @public
 */
export type AuditLogForwarding =
  | { status: 'configured'; endpoint: string; skipDatabase?: boolean }
  | { status: 'not-configured' }
  | { status: 'unknown'; reason: string };
