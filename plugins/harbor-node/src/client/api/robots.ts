import type { HarborCore } from '../core';
import type {
  HarborRobot,
  HarborRobotCreate,
  HarborRobotCreated,
  HarborRobotSec,
} from '../types';

/**
 * Harbor's robot accounts (`/robots`).
 * @public
 */
export class HarborRobotsApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** The project-level robots of a project (`q=Level=project,ProjectID=<id>`; names are `robot$<project>+<name>`). */
  async listByProject(projectId: number): Promise<HarborRobot[]> {
    return this.#core.all('ListRobot', (api, init, page) =>
      api.GET('/robots', {
        ...init,
        params: {
          query: { q: `Level=project,ProjectID=${projectId}`, ...page },
        },
      }),
    );
  }

  /**
   * `POST /robots`. The answer holds the only copy of the secret Harbor will ever give (harbor#10096): store it
   * at once. A `secret` in the body is ignored by Harbor; use {@link HarborRobotsApi.refreshSecret} after.
   */
  async create(robot: HarborRobotCreate): Promise<HarborRobotCreated> {
    return this.#core.data('CreateRobot', (api, init) =>
      api.POST('/robots', { ...init, body: robot }),
    );
  }

  /** `PUT /robots/{id}` with the full robot; name, level and project cannot change. */
  async update(robotId: number, robot: HarborRobot): Promise<void> {
    await this.#core.request('UpdateRobot', (api, init) =>
      api.PUT('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
        body: robot,
      }),
    );
  }

  /**
   * `PATCH /robots/{id}`: without `secret` Harbor generates one and returns it; a chosen secret (8–128 chars,
   * upper, lower and digit) is answered with an empty one. Does not extend the expiry (harbor#22256).
   */
  async refreshSecret(
    robotId: number,
    secret?: string,
  ): Promise<HarborRobotSec> {
    return this.#core.data('RefreshSec', (api, init) =>
      api.PATCH('/robots/{robot_id}', {
        ...init,
        params: { path: { robot_id: robotId } },
        body: { secret: secret ?? '' },
      }),
    );
  }
}
