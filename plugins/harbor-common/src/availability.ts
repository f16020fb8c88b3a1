/*
 * How current an answer from one Harbor instance is. The backend answers an entity view with every repository it
 * could read and, for each one it could not, why: the frontend shows that per repository table and card instead of
 * one error for the page.
 */

/**
 * The state of one repository's data in an answer.
 * - `fresh`: read from Harbor within the cache TTL.
 * - `stale`: Harbor is unavailable; this is the last good copy (see `fetchedAt`).
 * - `not-found`: Harbor reports no such project or repository (nothing pushed yet, or a wrong annotation).
 * - `unreachable`: Harbor could not be reached and no copy is cached.
 * - `credentials-rejected`: the instance rejected the backend's configured credentials (or answered them as
 *   anonymous); nothing of it is shown as if it were complete.
 * @public
 */
export type HarborDataState =
  | 'fresh'
  | 'stale'
  | 'not-found'
  | 'unreachable'
  | 'credentials-rejected';

/** Why a part of an answer is what it is. @public */
export interface HarborDataStatus {
  state: HarborDataState;
  /** For the user: what happened, in Harbor's words; never a credential, stack trace or server path. */
  message?: string;
  /** ISO time the data shown was read from Harbor (for `fresh` and `stale`). */
  fetchedAt?: string;
  /** ISO time the instance last answered any replica of the backend, when known (shared cache). */
  lastReachableAt?: string;
}

/**
 * The backend's connection to one Harbor instance, as its circuit breaker and credential check see it.
 * - `available`: answering (breaker closed, credentials accepted).
 * - `unavailable`: failing or timing out; answered from the cache until a probe succeeds (breaker open).
 * - `recovering`: one probe is testing whether it is back (breaker half-open).
 * - `credentials-rejected`: the configured credentials do not authenticate as the expected principal.
 * - `unknown`: not checked yet.
 * @public
 */
export type HarborConnectionState =
  | 'available'
  | 'unavailable'
  | 'recovering'
  | 'credentials-rejected'
  | 'unknown';

/** One Harbor instance's connection state, for the health card and the backend's health route. @public */
export interface HarborInstanceConnection {
  instance: string;
  state: HarborConnectionState;
  /** Why, when not `available`; never a credential. */
  message?: string;
  /** ISO time the instance last answered any replica of the backend (shared cache). */
  lastReachableAt?: string;
  /** ISO time the state last changed in this replica. */
  since?: string;
}

/**
 * The `error.name` of the backend's 503 answers about a Harbor instance, so the frontend can say what to do
 * (and link the runbook section) without parsing messages.
 * @public
 */
export const HARBOR_ERROR_NAMES = {
  /** The instance rejected the configured credentials (or answered them as anonymous). */
  credentialsRejected: 'HarborCredentialsRejectedError',
  /** The instance could not be reached (or its breaker is open) and nothing is cached. */
  unavailable: 'HarborUnavailableError',
} as const;
