import { isoTime } from '../clock';
import { HarborRoutes, ok, created } from '../context';
import { badRequest, notFound } from '../errors';
import type { ScannerRegistration } from '../harborTypes';
import { pageResult } from '../pagination';
import { requireProjectAccess, requireSystemAccess } from '../rbac';
import { HarborState } from '../state';
import { API_BASE, bodyObject, resolveProject } from './common';

/** The project's scanner, or the system default when none is set. */
export function projectScanner(
  state: HarborState,
  projectId: number,
): ScannerRegistration | undefined {
  const uuid = state.projectScanners.get(projectId);
  return (
    (uuid ? state.scanners.find(s => s.uuid === uuid) : undefined) ??
    state.scanners.find(s => s.is_default)
  );
}

function publicView(scanner: ScannerRegistration): ScannerRegistration {
  const { access_credential: _hidden, ...rest } = scanner;
  return rest;
}

export const scannerRoutes: HarborRoutes = {
  listScanners(ctx) {
    requireSystemAccess(ctx, 'scanner', 'list');
    return pageResult(ctx, ctx.core.state.scanners, publicView);
  },

  createScanner(ctx) {
    requireSystemAccess(ctx, 'scanner', 'create');
    const { state, clock } = ctx.core;
    const body = bodyObject(ctx);
    if (!body.name || !body.url) throw badRequest('name and url are required');
    if (state.scanners.some(s => s.name === body.name))
      throw badRequest(`scanner ${body.name} already exists`);
    const now = isoTime(clock.now());
    const scanner: ScannerRegistration = {
      uuid: state.random.uuid(),
      name: body.name,
      description: body.description ?? '',
      url: body.url,
      disabled: Boolean(body.disabled),
      is_default: state.scanners.length === 0,
      auth: body.auth ?? '',
      access_credential: body.access_credential,
      skip_certVerify: Boolean(body.skip_certVerify),
      use_internal_addr: Boolean(body.use_internal_addr),
      create_time: now,
      update_time: now,
      adapter: body.name,
      vendor: 'Unknown',
      version: 'v1.0',
      health: 'healthy',
    } as ScannerRegistration;
    state.scanners.push(scanner);
    return created(`${API_BASE}/scanners/${scanner.uuid}`);
  },

  getScanner(ctx) {
    requireSystemAccess(ctx, 'scanner', 'read');
    const scanner = ctx.core.state.scanners.find(
      s => s.uuid === ctx.params.registration_id,
    );
    if (!scanner)
      throw notFound(`scanner ${ctx.params.registration_id} not found`);
    return ok(publicView(scanner));
  },

  deleteScanner(ctx) {
    requireSystemAccess(ctx, 'scanner', 'delete');
    const { state } = ctx.core;
    const index = state.scanners.findIndex(
      s => s.uuid === ctx.params.registration_id,
    );
    if (index < 0)
      throw notFound(`scanner ${ctx.params.registration_id} not found`);
    const [removed] = state.scanners.splice(index, 1);
    return ok(publicView(removed));
  },

  setScannerAsDefault(ctx) {
    requireSystemAccess(ctx, 'scanner', 'update');
    const { state } = ctx.core;
    const scanner = state.scanners.find(
      s => s.uuid === ctx.params.registration_id,
    );
    if (!scanner)
      throw notFound(`scanner ${ctx.params.registration_id} not found`);
    if (bodyObject(ctx).is_default === true) {
      for (const s of state.scanners) s.is_default = s === scanner;
    }
    return ok();
  },

  getScannerOfProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'scanner', 'read');
    const scanner = projectScanner(ctx.core.state, project.project_id);
    if (!scanner) throw notFound('no scanner is configured');
    return ok(publicView(scanner));
  },

  setScannerOfProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'scanner', 'create');
    const uuid = bodyObject(ctx).uuid;
    if (!ctx.core.state.scanners.some(s => s.uuid === uuid))
      throw notFound(`scanner ${uuid} not found`);
    ctx.core.state.projectScanners.set(project.project_id, uuid);
    return ok();
  },

  listScannerCandidatesOfProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'scanner', 'create');
    return pageResult(ctx, ctx.core.state.scanners, publicView);
  },
};
