import {
  type HarborClient,
  type HarborProject,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import { InputError } from '@backstage/errors';

/** The project, or undefined when Harbor answers 404. One GET gives existence, id and metadata at once. */
export async function findProject(
  client: HarborClient,
  name: string,
): Promise<HarborProject | undefined> {
  try {
    return await client.projects.get(name);
  } catch (error) {
    if (isHarborNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The project a policy action works on. Missing is fine in a dry run (the onboarding's project step would
 * create it first; everything is then planned as new); otherwise it fails before any write.
 */
export async function requireProject(
  client: HarborClient,
  name: string,
  dryRun: boolean,
): Promise<HarborProject | undefined> {
  const project = await findProject(client, name);
  if (!project && !dryRun) {
    throw new InputError(
      `project: Harbor instance '${client.instance.name}' has no project '${name}'; create it first with harbor:project:ensure`,
    );
  }
  return project;
}

/**
 * Runs a read of a project sub-resource; a 404 means the project is missing, which is fine only in a dry run
 * (`undefined`). Saves the project GET for actions that address the project by name.
 */
export async function readProjectResource<T>(
  client: HarborClient,
  project: string,
  dryRun: boolean,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!isHarborNotFound(error)) throw error;
    if (dryRun) return undefined;
    throw new InputError(
      `project: Harbor instance '${client.instance.name}' has no project '${project}'; create it first with harbor:project:ensure`,
    );
  }
}
