import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
} from '@backstage-harbor/plugin-harbor-common';

/** Harbor's project-name rule (from plugin-harbor-common), as the picker words it. */
export const HARBOR_PROJECT_NAME_RULE =
  "Lower-case letters and digits, in runs joined by single '.', '_' or '-' (at most 255 characters)";

/** Why a name breaks Harbor's project-name rule, or `undefined` when it follows it. */
export function validateHarborProjectName(name: string): string | undefined {
  if (
    name.length < 1 ||
    name.length > HARBOR_PROJECT_NAME_MAX ||
    !HARBOR_PROJECT_NAME_PATTERN.test(name)
  ) {
    return HARBOR_PROJECT_NAME_RULE;
  }
  return undefined;
}
