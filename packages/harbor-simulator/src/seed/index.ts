export { addArtifacts } from './addArtifacts';
export type { AddArtifactsOptions } from './addArtifacts';
export { seedDemo } from './demo';
export { DEMO_FLEET_CVE, DEMO_ROBOTS } from './demoData';
export { addDefaultScanner, addUsers, DEFAULT_USERS } from './users';
export type { HarborSimulatorUser } from './users';
