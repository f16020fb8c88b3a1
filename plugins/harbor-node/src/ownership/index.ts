export {
  HARBOR_PROJECT_OWNER_LABEL,
  HarborProjectOwnerLabelError,
  normalizeOwnerRef,
  readProjectOwner,
  recordProjectOwner,
} from './projectOwner';
export type { HarborProjectOwnerRecord } from './projectOwner';
