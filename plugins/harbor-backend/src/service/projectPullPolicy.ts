import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type HarborClient,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import { ProjectPullPolicy, toProjectPullPolicy } from '../mapping/supplyChain';

/** What the images view needs of a repository's project, from one `getProject`. */
export interface RepositoryProject {
  /**
   * The pull policy, or undefined when the project cannot be read (no `project:read`, gone, Harbor down): the
   * images are then shown without `pullable` rather than failing.
   */
  pullPolicy?: ProjectPullPolicy;
  /**
   * The project id for links, needed only when no artifact carries it: undefined for a project Harbor does not
   * have, and the read's error otherwise, so that a Harbor outage is not shown as an empty repository.
   */
  projectId(): number | undefined;
}

/** Reads the project once, for its pull policy and its id. Never rejects, so it can run beside the artifact list. */
export async function readRepositoryProject(
  client: HarborClient,
  project: string,
  logger: LoggerService,
): Promise<RepositoryProject> {
  try {
    const found = await client.projects.get(project);
    return {
      pullPolicy: toProjectPullPolicy(found),
      projectId: () => found.project_id,
    };
  } catch (error) {
    logger.debug(
      `Pull policy of Harbor project ${project} on '${client.instance.name}' left out: ${error}`,
    );
    return {
      projectId: () => {
        if (isHarborNotFound(error)) return undefined;
        throw error;
      },
    };
  }
}
