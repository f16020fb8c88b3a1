/**
 * Harbor's project-name rule (src/common/utils): lower-case letters and digits joined by single '.', '_' or '-',
 * 1–255 characters. One definition for the backend, the frontend's picker and the annotation parser.
 * @public
 */
export const HARBOR_PROJECT_NAME_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The longest project name Harbor accepts. @public */
export const HARBOR_PROJECT_NAME_MAX = 255;

/** Harbor's project-name rule in words, for messages that say what a name must be. @public */
export const HARBOR_PROJECT_NAME_RULE = `lower-case letters and digits, in runs joined by single '.', '_' or '-' (Harbor's rule ${HARBOR_PROJECT_NAME_PATTERN.source})`;

/** Whether a name follows Harbor's project-name rule: the pattern and the length limit. @public */
export function isHarborProjectName(name: string): boolean {
  return (
    name.length <= HARBOR_PROJECT_NAME_MAX &&
    HARBOR_PROJECT_NAME_PATTERN.test(name)
  );
}
