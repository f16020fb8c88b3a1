import type { IncomingHttpHeaders } from 'node:http';
import type { HarborClock } from './clock';
import type { ArtifactPageCache } from './pageCache';
import type { ReplicationJobs } from './replication/jobs';
import type { HarborState, HarborUserRecord, RobotRecord } from './state';
import type { ScanDurations } from './vulnerabilities';
import type { HarborWebhooks } from './webhooks/events';

/** Who a request runs as, after Harbor's security generators (bad credentials fall through to anonymous). @public */
export type HarborPrincipal =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: HarborUserRecord }
  | { kind: 'robot'; robot: RobotRecord };

/** Settings the route handlers read. */
export interface SimulatorCore {
  state: HarborState;
  clock: HarborClock;
  scanDurations: ScanDurations;
  replicationDurationMs: number;
  /** Copy jobs of pull replications from docker-registry endpoints; see replication/. */
  replicationJobs?: ReplicationJobs;
  harborVersion: string;
  externalUrl: () => string;
  /** Serialised artifact pages; see pageCache.ts. */
  artifactPages?: ArtifactPageCache;
  /** Webhook deliveries for artifact and scan events; see webhooks/. */
  webhooks?: HarborWebhooks;
}

export interface HarborContext {
  core: SimulatorCore;
  operationId: string;
  method: string;
  /** The path as sent, still percent-encoded, including /api/v2.0. */
  rawPath: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  /** Path parameters decoded once, as Harbor's router does. */
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: IncomingHttpHeaders;
  body: any;
  principal: HarborPrincipal;
}

export interface HarborResult {
  status: number;
  /** A JSON body; omit for none. */
  body?: unknown;
  /** `body` already serialised, when the handler has it cached. */
  json?: string;
  /** `body` serialised to bytes; the same Buffer stands for the same body, so its validation is reused. */
  raw?: Buffer;
  /** A plain text body (GET /ping). */
  text?: string;
  headers?: Record<string, string>;
}

export type HarborHandler = (ctx: HarborContext) => HarborResult;

/** Handlers by spec operationId. */
export type HarborRoutes = Record<string, HarborHandler>;

export function queryString(
  ctx: HarborContext,
  name: string,
): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

export function queryBool(
  ctx: HarborContext,
  name: string,
  fallback: boolean,
): boolean {
  const v = queryString(ctx, name);
  if (v === undefined || v === '') return fallback;
  return v === 'true' || v === '1';
}

export function queryInt(ctx: HarborContext, name: string): number | undefined {
  const v = queryString(ctx, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function headerString(
  ctx: HarborContext,
  name: string,
): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function principalName(principal: HarborPrincipal): string {
  switch (principal.kind) {
    case 'user':
      return principal.user.username;
    case 'robot':
      return principal.robot.level === 'project'
        ? `robot$${principal.robot.project_name}+${principal.robot.name}`
        : `robot$${principal.robot.name}`;
    default:
      return 'anonymous';
  }
}

/** 201 with a Location header and no body, as Harbor's creates answer. */
export function created(location: string): HarborResult {
  return { status: 201, headers: { Location: location } };
}

export const ok = (body?: unknown): HarborResult => ({ status: 200, body });
