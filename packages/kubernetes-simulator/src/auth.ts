import type { IncomingHttpHeaders } from 'node:http';
import type { KubernetesVerb } from './types';

/**
 * What a token may do, in the shape of an RBAC PolicyRule. Absent lists match everything.
 *
 * @public
 */
export interface AccessRule {
  /** API verbs, or `*`. */
  verbs: Array<KubernetesVerb | '*'>;
  /** API groups ('' for the core group), or `*`. */
  apiGroups?: string[];
  /** Resource plurals, with `/status` for the subresource (`pods/status`), or `*`. */
  resources?: string[];
  /** Namespaces the rule covers, like a RoleBinding; absent means cluster-wide, like a ClusterRoleBinding. */
  namespaces?: string[];
  resourceNames?: string[];
}

/**
 * A bearer token the simulator accepts.
 *
 * @public
 */
export interface SimulatorToken {
  token: string;
  /** The user name the token authenticates as; shown in 403 messages and the request log. */
  user: string;
  groups?: string[];
  /** What the token may do; everything when absent. */
  rules?: AccessRule[];
}

/** A rule set for read-only access, optionally limited to namespaces. @public */
export function readOnlyRules(namespaces?: string[]): AccessRule[] {
  return [{ verbs: ['get', 'list'], namespaces }];
}

/** The token used when none are configured: cluster-admin. @public */
export const DEFAULT_ADMIN_TOKEN: SimulatorToken = {
  token: 'kubernetes-simulator-admin-token',
  user: 'kubernetes-admin',
  groups: ['system:masters'],
};

export const ANONYMOUS = 'system:anonymous';

export function authenticate(
  tokens: readonly SimulatorToken[],
  headers: IncomingHttpHeaders,
): SimulatorToken | undefined {
  const header = headers.authorization;
  const match = header && /^bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return undefined;
  return tokens.find(t => t.token === match[1]);
}

export interface AccessRequest {
  verb: KubernetesVerb;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const matches = (list: string[] | undefined, value: string) =>
  list === undefined || list.includes('*') || list.includes(value);

export function isAllowed(token: SimulatorToken, request: AccessRequest) {
  if (!token.rules) return true;
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  return token.rules.some(
    rule =>
      matches(rule.verbs, request.verb) &&
      matches(rule.apiGroups, request.group) &&
      matches(rule.resources, resource) &&
      (rule.namespaces === undefined ||
        (request.namespace !== undefined &&
          rule.namespaces.includes(request.namespace))) &&
      (rule.resourceNames === undefined ||
        (request.name !== undefined &&
          rule.resourceNames.includes(request.name))),
  );
}
