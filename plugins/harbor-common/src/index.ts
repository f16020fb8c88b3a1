/**
 * Shared types, annotations and permissions of the Harbor plugins.
 * @packageDocumentation
 */
export * from './annotations';
export * from './cluster';
export * from './fleet';
export * from './migration';
export * from './permissions';
export * from './ranking';
export * from './severity';
export * from './supplyChain';
export * from './types';
export {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
  isHarborProjectName,
} from './projectName';
export * from './availability';
