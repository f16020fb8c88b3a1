import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { FieldValidation } from '@rjsf/utils';
import { harborApiRef, type HarborApi } from '../../api';
import { mockHarborApi } from '../../__testUtils__/renderWithApis';
import { HarborProjectNamePicker } from './HarborProjectNamePicker';
import { harborProjectNamePickerValidation } from './validation';
import type { HarborProjectNamePickerUiOptions } from './validation';

type Props = FieldExtensionComponentProps<
  string,
  HarborProjectNamePickerUiOptions
>;

function Field(props: { uiOptions?: HarborProjectNamePickerUiOptions }) {
  const [value, setValue] = useState<string | undefined>();
  const fieldProps = {
    schema: { title: 'Harbor project name', type: 'string' },
    uiSchema: { 'ui:options': props.uiOptions ?? {} },
    idSchema: { $id: 'root_project' },
    formData: value,
    onChange: setValue,
    onBlur: () => {},
    onFocus: () => {},
    rawErrors: [],
    required: true,
    disabled: false,
    readonly: false,
    name: 'project',
  } as unknown as Props;
  return <HarborProjectNamePicker {...fieldProps} />;
}

async function render(
  getProjectAvailability: jest.Mock,
  uiOptions?: HarborProjectNamePickerUiOptions,
) {
  const api = mockHarborApi({ getProjectAvailability } as Partial<
    Record<keyof HarborApi, jest.Mock>
  >);
  await renderInTestApp(
    <TestApiProvider apis={[[harborApiRef, api]]}>
      <Field uiOptions={uiOptions} />
    </TestApiProvider>,
  );
  return screen.getByRole('textbox');
}

/** The backend's answer for a project that exists, with its ownership. */
const existing = (extra: object, instance = 'default') =>
  jest.fn(async (name: string) => ({
    name,
    instance,
    valid: true,
    available: false,
    ...extra,
  }));

describe('HarborProjectNamePicker', () => {
  it('says that a taken name already exists in Harbor, asking once typing pauses', async () => {
    const getProjectAvailability = jest.fn(async (name: string) => ({
      name,
      instance: 'eu',
      valid: true,
      available: false,
    }));
    const input = await render(getProjectAvailability, { instance: 'eu' });
    await userEvent.type(input, 'team-a');
    expect(
      await screen.findByText(/'team-a' already exists in Harbor/),
    ).toBeInTheDocument();
    // Debounced: one call for the whole name, not one per keystroke.
    expect(getProjectAvailability).toHaveBeenCalledTimes(1);
    expect(getProjectAvailability).toHaveBeenCalledWith(
      'team-a',
      'eu',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('says that a free name is available', async () => {
    const getProjectAvailability = jest.fn(async (name: string) => ({
      name,
      instance: 'default',
      valid: true,
      available: true,
    }));
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'payments.api');
    expect(
      await screen.findByText("'payments.api' is available"),
    ).toBeInTheDocument();
    expect(getProjectAvailability).toHaveBeenCalledWith(
      'payments.api',
      undefined,
      expect.anything(),
    );
  });

  it('shows the rule for an invalid name without asking the backend', async () => {
    const getProjectAvailability = jest.fn();
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'Team--A');
    expect(
      screen.getByText(/Lower-case letters and digits/),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await new Promise(r => setTimeout(r, 400));
    expect(getProjectAvailability).not.toHaveBeenCalled();
  });

  it('says who owns an existing project the user may not change, as an error', async () => {
    const getProjectAvailability = existing({
      owner: 'group:default/team-a',
      changeable: false,
    });
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'team-a');
    expect(
      await screen.findByText(
        "'team-a' already exists in Harbor, owned by group:default/team-a: you cannot change it",
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/running the template updates/)).toBeNull();
  });

  it('says that the platform team must adopt an existing project without an owner', async () => {
    const getProjectAvailability = existing({ changeable: false });
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'legacy');
    expect(
      await screen.findByText(/'legacy' .* the platform team must adopt it/),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('offers to update an existing project the user owns', async () => {
    const getProjectAvailability = existing({
      owner: 'group:default/team-a',
      changeable: true,
    });
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'team-a');
    expect(
      await screen.findByText(
        "'team-a' already exists in Harbor; running the template updates that project",
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'false');
  });

  it('reports a failed check without blocking', async () => {
    const getProjectAvailability = jest.fn(async () => {
      throw new Error('Harbor instance default is unreachable');
    });
    const input = await render(getProjectAvailability);
    await userEvent.type(input, 'team-b');
    await waitFor(() =>
      expect(
        screen.getByText(/Could not check the name with Harbor/),
      ).toBeInTheDocument(),
    );
    expect(input).toHaveAttribute('aria-invalid', 'false');
  });
});

describe('harborProjectNamePickerValidation', () => {
  const validate = (value: string) => {
    const addError = jest.fn();
    harborProjectNamePickerValidation(
      value,
      { addError } as unknown as FieldValidation,
      {} as any,
    );
    return addError;
  };

  /** Validates as the scaffolder's form does on Next: with the app's APIs and the field's ui:options. */
  const validateWithApi = async (
    value: string,
    getProjectAvailability: jest.Mock,
  ) => {
    const addError = jest.fn();
    const api = mockHarborApi({ getProjectAvailability } as Partial<
      Record<keyof HarborApi, jest.Mock>
    >);
    await harborProjectNamePickerValidation(
      value,
      { addError } as unknown as FieldValidation,
      {
        apiHolder: {
          get: (ref: { id: string }) =>
            ref.id === harborApiRef.id ? api : undefined,
        },
        formData: {},
        schema: {},
        uiSchema: { 'ui:options': { instance: 'eu' } },
      } as any,
    );
    return addError;
  };

  it('stops the form on a project the user may not change', async () => {
    const check = existing(
      { owner: 'group:default/team-a', changeable: false },
      'eu',
    );
    expect(await validateWithApi('team-a', check)).toHaveBeenCalledWith(
      "'team-a' already exists in Harbor, owned by group:default/team-a: you cannot change it",
    );
    expect(check).toHaveBeenCalledWith('team-a', 'eu');
    expect(
      await validateWithApi('legacy', existing({ changeable: false }, 'eu')),
    ).toHaveBeenCalledWith(
      expect.stringContaining('the platform team must adopt it'),
    );
  });

  it('lets the form go on with a free name, a project the user may change, or a failed check', async () => {
    const free = jest.fn(async (name: string) => ({
      name,
      instance: 'eu',
      valid: true,
      available: true,
    }));
    expect(await validateWithApi('new-team', free)).not.toHaveBeenCalled();
    expect(
      await validateWithApi(
        'team-a',
        existing({ owner: 'group:default/team-a', changeable: true }, 'eu'),
      ),
    ).not.toHaveBeenCalled();
    const failing = jest.fn(async () => {
      throw new Error('Harbor instance eu is unreachable');
    });
    expect(await validateWithApi('team-a', failing)).not.toHaveBeenCalled();
  });

  it('refuses a name that breaks Harbor’s rule', () => {
    expect(validate('Team A')).toHaveBeenCalledWith(
      expect.stringContaining('Lower-case letters and digits'),
    );
    expect(validate('x'.repeat(256))).toHaveBeenCalled();
  });

  it('accepts a valid name, and leaves an empty one to `required`', () => {
    expect(validate('team-a')).not.toHaveBeenCalled();
    expect(validate('')).not.toHaveBeenCalled();
  });
});
