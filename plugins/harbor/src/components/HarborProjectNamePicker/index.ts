export { HarborProjectNamePicker } from './HarborProjectNamePicker';
export { harborProjectNamePickerValidation } from './validation';
export type { HarborProjectNamePickerUiOptions } from './validation';
export {
  HARBOR_PROJECT_NAME_RULE,
  validateHarborProjectName,
} from './projectNameRule';
