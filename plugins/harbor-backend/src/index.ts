/**
 * The Harbor backend plugin for Backstage.
 * @packageDocumentation
 */
export { harborPlugin as default } from './plugin';
