/**
 * Scaffolder actions that provision Harbor projects, quotas, robot accounts and policies.
 * @packageDocumentation
 */
export { scaffolderModuleHarbor as default } from './module';
