/**
 * Harbor's project-name rule: `^[a-z0-9]+(?:[._-][a-z0-9]+)*$`, 1–255 characters. The same rule the backend's
 * availability check and the scaffolder actions apply; duplicated because packages may not import each other's.
 */
export const HARBOR_PROJECT_NAME_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const HARBOR_PROJECT_NAME_MAX = 255;
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
