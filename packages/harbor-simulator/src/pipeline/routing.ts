import { HarborError } from '../errors';
import { API_BASE } from '../routes/common';
import { Exchange, StepOutcome } from './exchange';
import { specRouter } from './specOperations';

const notFound = (path: string) =>
  new HarborError(404, 'NOT_FOUND', `path ${path} was not found`).toResult();

/** Finds the spec operation of the request: 404 outside the API, 405 for a method the path lacks. */
export function routeOperation(x: Exchange): StepOutcome {
  if (!x.rawPath.startsWith(`${API_BASE}/`)) return notFound(x.rawPath);
  const routed = specRouter().router.route(
    x.method,
    x.rawPath.slice(API_BASE.length),
  );
  if (routed.kind === 'notFound') return notFound(x.rawPath);
  if (routed.kind === 'methodNotAllowed') {
    return new HarborError(
      405,
      'METHOD_NOT_ALLOWED',
      `method ${x.method} is not allowed, but [${routed.allowed.join(
        ',',
      )}] are`,
    ).toResult();
  }
  x.op = routed.match.operation;
  x.params = routed.match.params;
  x.entry.operationId = x.op.operationId;
  // A single-encoded slash decodes into the name: Harbor's router then finds no such path (harbor#12224).
  if (x.params.repository_name?.includes('/')) {
    return notFound(decodeURIComponent(x.rawPath));
  }
  x.checkResponse = true;
  return undefined;
}
