import { NotAllowedError } from '@backstage/errors';

/**
 * A permission was refused. The message names the permission, the project and the caller, and says how to
 * get it; it holds no credential.
 * @public
 */
export class HarborPermissionDeniedError extends NotAllowedError {
  /** The refused permission's name, e.g. `harbor.project.update`. */
  readonly permission: string;
  /** The project, for a project permission. */
  readonly project?: string;
  /** The configured instance of the project. */
  readonly instance?: string;

  constructor(details: {
    message: string;
    permission: string;
    project?: string;
    instance?: string;
  }) {
    super(details.message);
    this.permission = details.permission;
    this.project = details.project;
    this.instance = details.instance;
  }
}
