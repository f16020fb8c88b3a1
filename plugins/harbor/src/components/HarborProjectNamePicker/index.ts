export { HarborProjectNamePicker } from './HarborProjectNamePicker';
export { harborProjectNamePickerValidation } from './validation';
export type { HarborProjectNamePickerUiOptions } from './validation';
export { validateHarborProjectName } from './projectNameRule';
