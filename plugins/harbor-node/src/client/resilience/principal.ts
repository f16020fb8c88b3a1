import { getHarborApiError } from '../errors';
import type { HarborSend } from '../core';

/** Sends one call past the credential gate (it is the check), through the breaker and the deadline. */
export type UncheckedRequest = <D>(
  operation: string,
  send: HarborSend<D>,
) => Promise<{ data: D; response: Response }>;

/** What the check found: accepted, or rejected and why (in words fit for a log and a 503, without a secret). */
export type PrincipalVerdict =
  | { accepted: true }
  | { accepted: false; reason: string };

const ROBOT_PREFIX = 'robot$';

function statusOf(error: unknown): number | undefined {
  const cause = getHarborApiError(error);
  return cause?.kind === 'response' ? cause.status : undefined;
}

const ANONYMOUS =
  'Harbor answers them as anonymous (a wrong username or password, or a disabled or expired robot account)';

/**
 * Whether the configured credentials authenticate as the configured principal. Harbor answers Basic credentials
 * that match no user or robot as anonymous with 200 on public reads (harbor#12730), so a read proves nothing:
 * `GET /users/current` answers 401 to anonymous callers, 200 with the user to a user, and 412 to a robot account
 * ("get current user not available for security context: robot", src/server/v2.0/handler/user.go). Then
 * `GET /projects` must answer, as the backend's views and the scaffolder actions start from projects. Throws when
 * Harbor could not be asked (an availability error), so that the caller keeps its last verdict.
 */
export async function verifyPrincipal(
  request: UncheckedRequest,
  username: string,
): Promise<PrincipalVerdict> {
  const robot = username.startsWith(ROBOT_PREFIX);
  try {
    const { data } = await request('getCurrentUserInfo', (api, init) =>
      api.GET('/users/current', init),
    );
    if (robot) {
      return {
        accepted: false,
        reason:
          'they authenticate as a user, not as the configured robot account',
      };
    }
    if (data?.username?.toLowerCase() !== username.toLowerCase()) {
      return {
        accepted: false,
        reason: 'they authenticate as another user than the configured one',
      };
    }
  } catch (error) {
    const status = statusOf(error);
    if (status === 401) return { accepted: false, reason: ANONYMOUS };
    if (status === 412 && !robot) {
      return {
        accepted: false,
        reason:
          'they authenticate as a robot account, but the configured username is not a robot account name (robot$…)',
      };
    }
    if (status !== 412) throw error;
  }
  return canListProjects(request);
}

async function canListProjects(
  request: UncheckedRequest,
): Promise<PrincipalVerdict> {
  try {
    await request('listProjects', (api, init) =>
      api.GET('/projects', {
        ...init,
        params: { query: { page: 1, page_size: 1, with_detail: false } },
      }),
    );
    return { accepted: true };
  } catch (error) {
    const status = statusOf(error);
    if (status === 401 || status === 403) {
      return {
        accepted: false,
        reason: `they may not list projects (Harbor answered ${status})`,
      };
    }
    throw error;
  }
}
