import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { harborApiRef } from '../../api';
import { describeAvailability } from './availabilityMessage';
import { validateHarborProjectName } from './projectNameRule';

/** The picker's `ui:options`. */
export interface HarborProjectNamePickerUiOptions {
  /** The Harbor instance (name or registry host) to check against; the default instance when absent. */
  instance?: string;
}

/**
 * Keeps the scaffolder from going on with a name that breaks Harbor's rule, or with an existing project the caller
 * may not change (another team's, or one without an owner for anyone but the platform team): the actions would
 * refuse it. An existing project the caller may change is not an error: the Harbor actions are idempotent, so
 * running the template again updates that project. A failed check does not block; the actions decide anyway.
 */
export const harborProjectNamePickerValidation: CustomFieldValidator<
  string,
  HarborProjectNamePickerUiOptions
> = async (value, validation, context) => {
  if (!value) return; // `required` is the schema's business.
  const reason = validateHarborProjectName(value);
  if (reason) {
    validation.addError(reason);
    return;
  }
  const harborApi = context?.apiHolder?.get(harborApiRef);
  if (!harborApi) return;
  let result;
  try {
    result = await harborApi.getProjectAvailability(
      value,
      context.uiSchema?.['ui:options']?.instance,
    );
  } catch {
    return;
  }
  const message = describeAvailability(result);
  if (message.refused) validation.addError(message.text);
};
