import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { harborPlugin } from '../../plugin';
import { HarborProjectNamePicker } from './HarborProjectNamePicker';
import { harborProjectNamePickerValidation } from './validation';

/**
 * The `HarborProjectNamePicker` scaffolder field for apps on the legacy frontend system: put it inside
 * `<ScaffolderFieldExtensions>` and use `ui:field: HarborProjectNamePicker` in a template.
 * @public
 */
export const HarborProjectNamePickerFieldExtension = harborPlugin.provide(
  createScaffolderFieldExtension({
    name: 'HarborProjectNamePicker',
    component: HarborProjectNamePicker,
    validation: harborProjectNamePickerValidation,
  }),
);
