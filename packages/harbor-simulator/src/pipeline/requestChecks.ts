import { HarborError, badRequest } from '../errors';
import type { HarborState } from '../state';
import { HarborSpecViolation, HarborValidationMode } from '../validation';
import { Exchange, Step, StepOutcome, WRITE_METHODS } from './exchange';
import { specValidator } from './specOperations';

/** Parses a JSON body; what is not JSON is go-swagger's 400. */
export function readBody(x: Exchange): StepOutcome {
  const raw = Buffer.isBuffer(x.req.body) ? x.req.body : undefined;
  x.hasBody = Boolean(raw && raw.length > 0);
  if (!x.hasBody) return undefined;
  try {
    x.body = JSON.parse(raw!.toString('utf8'));
    return undefined;
  } catch (e) {
    return badRequest(
      `parsing body body from "" failed, because ${(e as Error).message}`,
    ).toResult();
  }
}

/** Harbor's read-only mode refuses every change, whoever asks. */
export function refuseWritesWhenReadOnly(state: HarborState): Step {
  return x =>
    state.configuration.read_only && WRITE_METHODS.has(x.method)
      ? new HarborError(
          403,
          'DENIED',
          'The system is in read only mode. Any modification is prohibited.',
        ).toResult()
      : undefined;
}

/**
 * Validates parameters and body against the spec and records every violation; in `throw` mode a bad parameter
 * is go-swagger's 422 (e.g. page_size > 100) and a bad body a 400.
 */
export function validateRequest(
  mode: HarborValidationMode,
  record: (violation: HarborSpecViolation) => void,
): Step {
  return x => {
    if (mode === 'off') return undefined;
    const op = x.op!;
    const parts = {
      path: x.params,
      query: x.req.query as Record<string, unknown>,
      headers: x.req.headers,
      body: x.body,
      hasBody: x.hasBody,
    };
    const paramIssues = specValidator().validateParams(op, parts);
    const bodyIssues = specValidator().validateBody(op, parts);
    for (const issue of [...paramIssues, ...bodyIssues]) {
      record({
        direction: 'request',
        operationId: op.operationId,
        method: x.method,
        path: x.rawPath,
        ...issue,
      });
    }
    if (mode !== 'throw') return undefined;
    if (paramIssues.length) {
      return new HarborError(
        422,
        'UNPROCESSABLE_ENTITY',
        `validation failure list:\n${paramIssues
          .map(i => i.message)
          .join('\n')}`,
      ).toResult();
    }
    if (bodyIssues.length) {
      return badRequest(
        `request body violates the Harbor API spec for ${
          op.operationId
        }: ${bodyIssues.map(i => i.message).join('; ')}`,
      ).toResult();
    }
    return undefined;
  };
}
