/**
 * Shared types, annotations and permissions of the Harbor plugins.
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './severity';
export * from './types';
