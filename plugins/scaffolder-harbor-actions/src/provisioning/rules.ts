/**
 * Harbor's naming rules, checked before any call so that a bad name fails with a message that names the rule
 * instead of a Harbor 400 halfway through an onboarding (harbor-api.md §2, §4).
 */

// Project names (and robot names, by the same rule: src robot.go) follow HARBOR_PROJECT_NAME_PATTERN of
// plugin-harbor-common.

/** Robot names become label values (≤ 63) of the Secret the credentials are written to. */
export const ROBOT_NAME_MAX = 63;

/** A Kubernetes Secret name: a DNS-1123 subdomain. */
export const SECRET_NAME_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const SECRET_NAME_RULE =
  "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";

/** Project roles by the names Harbor's UI and the Terraform provider use (harbor-api.md §13). */
export const PROJECT_ROLES = {
  projectAdmin: 1,
  developer: 2,
  guest: 3,
  maintainer: 4,
  limitedGuest: 5,
} as const;
export type ProjectRoleName = keyof typeof PROJECT_ROLES;
export const PROJECT_ROLE_NAMES = Object.keys(PROJECT_ROLES) as [
  ProjectRoleName,
  ...ProjectRoleName[],
];

export function roleName(roleId: number | undefined): string {
  const found = Object.entries(PROJECT_ROLES).find(([, id]) => id === roleId);
  return found ? found[0] : `role ${roleId}`;
}

/** Severities of `prevent_vul` (harbor-api.md §2, metadata `severity`). */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A doublestar pattern as Harbor's retention and immutability selectors take it: not empty, no whitespace. */
export const SELECTOR_PATTERN = /^\S+$/;
