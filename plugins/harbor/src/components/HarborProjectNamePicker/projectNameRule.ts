import {
  HARBOR_PROJECT_NAME_MAX,
  isHarborProjectName,
} from '@backstage-harbor/plugin-harbor-common';

/**
 * Harbor's project-name rule as the picker's helper text words it: plugin-harbor-common's
 * `HARBOR_PROJECT_NAME_RULE` without the regular expression, which a form field should not show, and with the
 * length, which it should.
 */
const PROJECT_NAME_HINT = `Lower-case letters and digits, in runs joined by single '.', '_' or '-' (at most ${HARBOR_PROJECT_NAME_MAX} characters)`;

/** Why a name breaks Harbor's project-name rule, or `undefined` when it follows it. */
export function validateHarborProjectName(name: string): string | undefined {
  return isHarborProjectName(name) ? undefined : PROJECT_NAME_HINT;
}
