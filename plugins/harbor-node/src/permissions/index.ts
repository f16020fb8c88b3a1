export {
  harborProjectPermissionResourceRef,
  harborProjectPermissionRules,
  harborProjectConditions,
  createHarborProjectConditionalDecision,
  isProjectOwner,
} from './rules';
export type { HarborProjectQuery } from './rules';
export { harborDefaultPolicyDecision } from './defaultPolicy';
export type { HarborDefaultPolicyRequest } from './defaultPolicy';
export { HarborPermissionDeniedError } from './errors';
export { HarborProjectAuthorizer } from './HarborProjectAuthorizer';
export type { HarborProjectPermission } from './HarborProjectAuthorizer';
