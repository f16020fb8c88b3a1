import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import type { HarborProjectAvailability } from '@backstage-harbor/plugin-harbor-common';
import { harborApiRef } from '../../api';
import { describeAvailability } from './availabilityMessage';
import { validateHarborProjectName } from './projectNameRule';
import type { HarborProjectNamePickerUiOptions } from './validation';

/** How long typing must pause before the picker asks the backend. */
export const AVAILABILITY_DEBOUNCE_MS = 300;

type Check =
  | { state: 'idle' }
  | { state: 'invalid'; reason: string }
  | { state: 'checking' }
  | { state: 'done'; result: HarborProjectAvailability }
  | { state: 'failed'; message: string };

function helperText(check: Check, fallback: string | undefined) {
  switch (check.state) {
    case 'invalid':
      return check.reason;
    case 'checking':
      return 'Checking Harbor…';
    case 'done':
      return describeAvailability(check.result, fallback).text;
    case 'failed':
      return `Could not check the name with Harbor: ${check.message}`;
    default:
      return fallback;
  }
}

/**
 * A Harbor project name: checked against Harbor's rule as it is typed, and, once typing pauses, against the
 * projects of the Harbor instance (`ui:options.instance`, the default instance when absent): a free name, or an
 * existing project the caller may change; an existing project of another owner is an error.
 */
export function HarborProjectNamePicker(
  props: FieldExtensionComponentProps<string, HarborProjectNamePickerUiOptions>,
) {
  const {
    onChange,
    required,
    disabled,
    readonly,
    schema,
    uiSchema,
    rawErrors,
    formData,
    idSchema,
  } = props;
  const harborApi = useApi(harborApiRef);
  const instance = uiSchema?.['ui:options']?.instance;
  const value = formData ?? '';
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  useEffect(() => {
    if (!value) {
      setCheck({ state: 'idle' });
      return undefined;
    }
    const reason = validateHarborProjectName(value);
    if (reason) {
      setCheck({ state: 'invalid', reason });
      return undefined;
    }
    setCheck({ state: 'checking' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      harborApi
        .getProjectAvailability(value, instance, { signal: controller.signal })
        .then(
          result => {
            if (!controller.signal.aborted) setCheck({ state: 'done', result });
          },
          (error: Error) => {
            if (!controller.signal.aborted) {
              setCheck({ state: 'failed', message: error.message });
            }
          },
        );
    }, AVAILABILITY_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [harborApi, value, instance]);

  const invalid =
    check.state === 'invalid' ||
    (check.state === 'done' && describeAvailability(check.result).refused) ||
    (rawErrors?.length ?? 0) > 0;

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Harbor project name'}
      value={value}
      required={required}
      disabled={disabled || readonly}
      error={invalid}
      helperText={helperText(check, schema.description)}
      onChange={e => onChange(e.target.value || undefined)}
      inputProps={{ autoComplete: 'off', spellCheck: false }}
      margin="normal"
      fullWidth
    />
  );
}
