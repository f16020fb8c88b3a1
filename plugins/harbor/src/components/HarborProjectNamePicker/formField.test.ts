import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import harborPlugin, { harborProjectNamePickerFormField } from '../../plugin';

describe('the HarborProjectNamePicker form field', () => {
  it('is a scaffolder form field of the plugin, named as templates use it', async () => {
    expect(
      harborPlugin.getExtension(
        'scaffolder-form-field:harbor/harbor-project-name-picker',
      ),
    ).toMatchObject({ kind: 'scaffolder-form-field', namespace: 'harbor' });
    const loader = createExtensionTester(harborProjectNamePickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await loader()) as unknown as {
      $$type: string;
    };
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
