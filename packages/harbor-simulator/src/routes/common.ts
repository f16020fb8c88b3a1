import { HarborContext, headerString } from '../context';
import { badRequest, notFound } from '../errors';
import { ArtifactRecord, ProjectRecord, RepositoryRecord } from '../state';

export const API_BASE = '/api/v2.0';

/**
 * `project_name_or_id`: an integer is an id unless `X-Is-Resource-Name: true` says it is a name
 * (harbor#22383, #18060).
 */
export function resolveProject(
  ctx: HarborContext,
  value?: string,
): ProjectRecord {
  const raw = value ?? ctx.params.project_name_or_id ?? ctx.params.project_name;
  const byName =
    ctx.params.project_name !== undefined && value === undefined
      ? true
      : headerString(ctx, 'X-Is-Resource-Name') === 'true' ||
        !/^\d+$/.test(raw);
  const project = byName
    ? ctx.core.state.projectByName(raw)
    : ctx.core.state.projectById(Number(raw));
  if (!project) throw notFound(`project ${raw} not found`);
  return project;
}

/**
 * `repository_name` arrives decoded once by the router; Harbor decodes it a second time, so `a/b` must be
 * sent as `a%252Fb` (Spec: "encode it twice over").
 */
export function repositoryNameParam(ctx: HarborContext): string {
  const once = ctx.params.repository_name;
  try {
    return decodeURIComponent(once);
  } catch {
    throw badRequest(`invalid repository name ${once}`);
  }
}

export function resolveRepository(
  ctx: HarborContext,
  project: ProjectRecord,
): RepositoryRecord {
  const fullName = `${project.name}/${repositoryNameParam(ctx)}`;
  const repository = ctx.core.state.repositoryByName(fullName);
  if (!repository) throw notFound(`repository ${fullName} not found`);
  return repository;
}

export function isDigest(reference: string): boolean {
  return /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(reference);
}

export function resolveArtifact(
  ctx: HarborContext,
  repository: RepositoryRecord,
): ArtifactRecord {
  const reference = ctx.params.reference;
  const artifacts = ctx.core.state.artifactsOfRepository(repository.id);
  const artifact = isDigest(reference)
    ? artifacts.find(a => a.digest === reference)
    : artifacts.find(a => a.tags.some(t => t.name === reference));
  if (!artifact) {
    throw notFound(
      `artifact ${repository.name}${
        isDigest(reference) ? '@' : ':'
      }${reference} not found`,
    );
  }
  return artifact;
}

export function bodyObject(ctx: HarborContext): Record<string, any> {
  if (
    ctx.body === undefined ||
    ctx.body === null ||
    typeof ctx.body !== 'object' ||
    Array.isArray(ctx.body)
  ) {
    throw badRequest('the request body is required and must be a JSON object');
  }
  return ctx.body;
}

export function pathId(ctx: HarborContext, name: string): number {
  const n = Number(ctx.params[name]);
  if (!Number.isInteger(n) || n <= 0) {
    throw badRequest(`${name} in path must be a positive integer`);
  }
  return n;
}

/** The record whose `id` is the path parameter `name`, or a 404 naming `what` and the id. */
export function recordInPath<T extends { id?: number }>(
  ctx: HarborContext,
  name: string,
  records: T[],
  what: string,
): T {
  const id = pathId(ctx, name);
  const record = records.find(r => r.id === id);
  if (!record) throw notFound(`${what} ${id} not found`);
  return record;
}

/**
 * Harbor's 6-field cron: seconds first, and they must be 0 (src: lib/cron validation).
 * An empty cron means "manual only".
 */
export function validateCron(cron: unknown): void {
  if (cron === undefined || cron === '') return;
  const fields = String(cron).trim().split(/\s+/);
  if (fields.length !== 6) {
    throw badRequest(
      `invalid cron ${cron}: expected 6 fields with seconds first`,
    );
  }
  if (fields[0] !== '0') {
    throw badRequest(`invalid cron ${cron}: the seconds field must be 0`);
  }
}
