import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { validateHarborProjectName } from './projectNameRule';

/** The picker's `ui:options`. */
export interface HarborProjectNamePickerUiOptions {
  /** The Harbor instance (name or registry host) to check against; the default instance when absent. */
  instance?: string;
}

/**
 * Keeps the scaffolder from going on with a name that breaks Harbor's rule. A name that already exists is not an
 * error: the Harbor actions are idempotent, so running the template again updates that project.
 */
export const harborProjectNamePickerValidation: CustomFieldValidator<
  string,
  HarborProjectNamePickerUiOptions
> = (value, validation) => {
  if (!value) return; // `required` is the schema's business.
  const reason = validateHarborProjectName(value);
  if (reason) validation.addError(reason);
};
