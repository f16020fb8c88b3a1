import type { HarborErrors } from './harborTypes';

/**
 * An error answered in Harbor's `Errors` shape. Codes and statuses follow Harbor's `lib/http/error.go`.
 *
 * @public
 */
export class HarborError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HarborError';
  }

  toBody(): HarborErrors {
    return { errors: [{ code: this.code, message: this.message }] };
  }

  /** The error as an answer. */
  toResult(): { status: number; body: HarborErrors } {
    return { status: this.status, body: this.toBody() };
  }
}

/** What `doublestarMatch` throws for a pattern Harbor's doublestar refuses (`ErrBadPattern`). */
export function isBadPattern(error: unknown): boolean {
  return error instanceof Error && error.name === 'InputError';
}

export const badRequest = (message: string) =>
  new HarborError(400, 'BAD_REQUEST', message);
export const unauthorized = (message = 'unauthorized') =>
  new HarborError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'forbidden') =>
  new HarborError(403, 'FORBIDDEN', message);
export const denied = (message: string) =>
  new HarborError(403, 'DENIED', message);
export const notFound = (message: string) =>
  new HarborError(404, 'NOT_FOUND', message);
export const conflict = (message: string) =>
  new HarborError(409, 'CONFLICT', message);
export const precondition = (message: string) =>
  new HarborError(412, 'PRECONDITION', message);
export const unprocessable = (message: string) =>
  new HarborError(422, 'UNPROCESSABLE_ENTITY', message);
