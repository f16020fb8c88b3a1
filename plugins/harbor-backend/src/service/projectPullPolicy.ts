import type { LoggerService } from '@backstage/backend-plugin-api';
import type { HarborClient } from '@backstage-harbor/plugin-harbor-node';
import { ProjectPullPolicy, toProjectPullPolicy } from '../mapping/supplyChain';

/**
 * The project's pull policy, or undefined when it cannot be read (no `project:read`, gone, Harbor down): the
 * images are then shown without `pullable` rather than failing. Never rejects, so it can run beside the
 * artifact list.
 */
export async function readProjectPullPolicy(
  client: HarborClient,
  project: string,
  logger: LoggerService,
): Promise<ProjectPullPolicy | undefined> {
  try {
    return toProjectPullPolicy(await client.getProject(project));
  } catch (error) {
    logger.debug(
      `Pull policy of Harbor project ${project} on '${client.instance.name}' left out: ${error}`,
    );
    return undefined;
  }
}
