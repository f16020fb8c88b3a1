import type { IncomingHttpHeaders } from 'node:http';
import { HarborPrincipal } from './context';
import { HarborState, ROBOT_NAME_PREFIX, robotFullName } from './state';

/**
 * Resolves the basic-auth credentials of a request. As in Harbor's security middleware, credentials that
 * match no user or robot do not fail the request: it simply continues as anonymous (harbor#12730).
 */
export function authenticate(
  state: HarborState,
  headers: IncomingHttpHeaders,
  nowMs: number,
): HarborPrincipal {
  const header = headers.authorization;
  if (!header || !/^basic /i.test(header)) return { kind: 'anonymous' };
  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  } catch {
    return { kind: 'anonymous' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'anonymous' };
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username.startsWith(ROBOT_NAME_PREFIX)) {
    const robot = state.robots.find(r => robotFullName(r) === username);
    if (
      robot &&
      robot.secret === password &&
      !robot.disable &&
      (robot.expires_at === -1 || robot.expires_at * 1000 > nowMs)
    ) {
      return { kind: 'robot', robot };
    }
    return { kind: 'anonymous' };
  }
  const user = state.userByName(username);
  if (user && user.password === password) return { kind: 'user', user };
  return { kind: 'anonymous' };
}
