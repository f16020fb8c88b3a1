import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { HarborProjectNamePicker } from './HarborProjectNamePicker';
import { harborProjectNamePickerValidation } from './validation';

/** The `HarborProjectNamePicker` field for the new frontend system, loaded on demand by its FormFieldBlueprint. */
export const harborProjectNameFormField = createFormField({
  name: 'HarborProjectNamePicker',
  component: HarborProjectNamePicker,
  validation: harborProjectNamePickerValidation,
});
