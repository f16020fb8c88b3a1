/**
 * The record builders: the one way a project, artifact, robot or policy enters the state, used by the routes
 * and by the seeds alike, so seeded and API-created records cannot differ.
 */
export * from './artifacts';
export * from './policies';
export * from './projects';
export * from './robots';
