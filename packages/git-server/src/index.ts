/**
 * A small Git smart-HTTP server for tests: `git http-backend` behind HTTP basic auth on 127.0.0.1.
 *
 * @packageDocumentation
 */

export { startGitServer } from './server';
export type {
  GitServer,
  GitServerOptions,
  GitServerRequest,
  GitServerUser,
} from './server';
