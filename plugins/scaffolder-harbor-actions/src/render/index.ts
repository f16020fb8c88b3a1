export { workspaceFolder, writeManifests } from './writeManifests';
export type { WrittenFile } from './writeManifests';
export { renderOutput, reportRendered, targetPathField } from './renderShared';
