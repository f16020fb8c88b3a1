import { HarborResult } from '../context';
import { HarborError } from '../errors';
import type { SpecOperation } from '../spec';
import {
  HarborSpecViolation,
  HarborValidationMode,
  SpecValidator,
} from '../validation';
import { specValidator } from './specOperations';

type Issues = ReturnType<SpecValidator['validateResponse']>;

/** Validates answers against the operation's responses; in `throw` mode an invalid one becomes a 500. */
export class ResponseValidation {
  /** Issues of a cached page body, by operation and status: the same bytes validate the same. */
  private readonly pageIssues = new WeakMap<Buffer, Map<string, Issues>>();

  constructor(
    private readonly mode: HarborValidationMode,
    private readonly record: (violation: HarborSpecViolation) => void,
  ) {}

  check(
    op: SpecOperation,
    method: string,
    rawPath: string,
    result: HarborResult,
  ): HarborResult {
    if (this.mode === 'off' || method === 'HEAD') return result;
    const issues = this.issues(op, result);
    if (!issues.length) return result;
    for (const issue of issues) {
      this.record({
        direction: 'response',
        operationId: op.operationId,
        method,
        path: rawPath,
        status: result.status,
        ...issue,
      });
    }
    if (this.mode !== 'throw') return result;
    return new HarborError(
      500,
      'UNKNOWN',
      `internal server error: the simulator's ${result.status} response to ${
        op.operationId
      } violates the Harbor API spec: ${issues.map(i => i.message).join('; ')}`,
    ).toResult();
  }

  private issues(op: SpecOperation, result: HarborResult): Issues {
    const memo = result.raw && this.pageIssues.get(result.raw);
    const memoKey = `${op.operationId} ${result.status}`;
    const known = memo?.get(memoKey);
    if (known) return known;
    const issues = specValidator().validateResponse(
      op,
      result.status,
      result.text ?? result.body,
      result.body !== undefined || result.text !== undefined,
    );
    if (result.raw) {
      const byOp = memo ?? new Map();
      byOp.set(memoKey, issues);
      this.pageIssues.set(result.raw, byOp);
    }
    return issues;
  }
}
