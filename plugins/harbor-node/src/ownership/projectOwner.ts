import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import type { HarborClient } from '../client/HarborClient';
import type {
  HarborLabel,
  HarborProject,
  HarborProjectRef,
} from '../client/types';
import { getHarborApiError } from '../client/errors';

/**
 * The name of the project label that records a project's owner in the catalog; its description holds the
 * owner's entity ref. A label, not project metadata, because Harbor refuses metadata keys it does not know
 * (project_metadata.go `validate`), and Harbor shows labels on the project's Labels tab (issue #17).
 * @public
 */
export const HARBOR_PROJECT_OWNER_LABEL = 'backstage.io/owner';

/** The kinds an owner may be, as `spec.owner` of a catalog entity. */
const OWNER_KINDS = ['group', 'user'];

/**
 * A project's `backstage.io/owner` label holds no Group or User entity ref. Someone changed it in Harbor;
 * a Harbor project admin corrects it there, or the platform team records the owner again.
 * @public
 */
export class HarborProjectOwnerLabelError extends ConflictError {
  constructor(readonly project: string, readonly value: string) {
    super(
      `The ${HARBOR_PROJECT_OWNER_LABEL} label of Harbor project '${project}' holds '${value}', which is not a Group or User entity ref; correct it in Harbor (the project's Labels tab) to the owner's ref, e.g. group:default/team-a`,
    );
  }
}

/**
 * The normalised entity ref (`group:default/team-a`) of a Group or User, or `undefined` for anything else.
 * @public
 */
export function normalizeOwnerRef(ref: string): string | undefined {
  try {
    const parsed = parseEntityRef(ref.trim(), { defaultNamespace: 'default' });
    if (!OWNER_KINDS.includes(parsed.kind.toLowerCase())) return undefined;
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/** The project's id and a name for messages, reading the project only when given a name. */
async function projectIdOf(
  client: HarborClient,
  project: HarborProjectRef | HarborProject,
): Promise<{ id: number; name: string }> {
  if (typeof project === 'number')
    return { id: project, name: String(project) };
  const record =
    typeof project === 'string' ? await client.projects.get(project) : project;
  if (record.project_id === undefined) {
    throw new Error(`Harbor project '${record.name}' came without its id`);
  }
  return {
    id: record.project_id,
    name: record.name ?? String(record.project_id),
  };
}

async function ownerLabel(
  client: HarborClient,
  projectId: number,
): Promise<HarborLabel | undefined> {
  const [label] = await client.labels.listOfProject(projectId, {
    name: HARBOR_PROJECT_OWNER_LABEL,
  });
  return label;
}

/**
 * The owner a project's `backstage.io/owner` label records, normalised (`group:default/team-a`); `undefined`
 * when it has none, i.e. the project was created outside the portal. Takes the project by name, by id, or as
 * read already (one request fewer). Throws the client's `NotFoundError` for a missing project and
 * {@link HarborProjectOwnerLabelError} for a label that names no Group or User.
 * @public
 */
export async function readProjectOwner(
  client: HarborClient,
  project: HarborProjectRef | HarborProject,
): Promise<string | undefined> {
  const { id, name } = await projectIdOf(client, project);
  const label = await ownerLabel(client, id);
  if (!label) return undefined;
  const owner = normalizeOwnerRef(label.description ?? '');
  if (!owner) {
    throw new HarborProjectOwnerLabelError(name, label.description ?? '');
  }
  return owner;
}

/**
 * What {@link recordProjectOwner} did: created the label, changed the owner it names, or found it naming
 * the owner already.
 * @public
 */
export type HarborProjectOwnerRecord = 'created' | 'updated' | 'unchanged';

/**
 * Records `ownerRef` (a Group or User entity ref) as the project's owner: creates the `backstage.io/owner`
 * label, or updates the one there. Idempotent; never makes a second label, since Harbor keeps label names
 * unique per project and a create that loses a race (409) updates the winner's label instead. Throws an
 * `InputError` for an `ownerRef` that is no Group or User ref. Whether the caller may do this is the
 * caller's business (harbor.project.adopt, harbor.project.owner.assign).
 * @public
 */
export async function recordProjectOwner(
  client: HarborClient,
  project: HarborProjectRef | HarborProject,
  ownerRef: string,
): Promise<HarborProjectOwnerRecord> {
  const owner = normalizeOwnerRef(ownerRef);
  if (!owner) {
    throw new InputError(
      `The owner of a Harbor project must be a Group or User entity ref such as group:default/team-a, not '${ownerRef}'`,
    );
  }
  const { id } = await projectIdOf(client, project);
  let label = await ownerLabel(client, id);
  if (!label) {
    try {
      await client.labels.create({
        name: HARBOR_PROJECT_OWNER_LABEL,
        description: owner,
        scope: 'p',
        project_id: id,
      });
      return 'created';
    } catch (error) {
      if (getHarborApiError(error)?.status !== 409) throw error;
      label = await ownerLabel(client, id);
      if (!label) throw error;
    }
  }
  if (label.description === owner) return 'unchanged';
  await client.labels.update(label.id!, {
    name: HARBOR_PROJECT_OWNER_LABEL,
    description: owner,
    color: label.color,
  });
  return 'updated';
}
