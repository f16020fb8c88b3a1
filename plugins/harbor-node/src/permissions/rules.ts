import {
  RESOURCE_TYPE_HARBOR_PROJECT,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * What a rule of the harbor-project resource type filters by, for `toQuery`. Nothing lists projects by
 * permission today; the query exists because the framework asks every rule for one.
 * @public
 */
export type HarborProjectQuery = { owners: string[] };

/**
 * The harbor-project resource type of the `harbor` plugin: a Harbor project with the owner its label records.
 * @public
 */
export const harborProjectPermissionResourceRef = createPermissionResourceRef<
  HarborProjectResource,
  HarborProjectQuery
>().with({ pluginId: 'harbor', resourceType: RESOURCE_TYPE_HARBOR_PROJECT });

/** Entity refs compare case-insensitively (catalog-model `stringifyEntityRef` lower-cases them). */
const sameRef = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * `IS_PROJECT_OWNER`: the project's recorded owner is one of the claims, typically the user's
 * `ownershipEntityRefs` (the user and the groups they belong to). A project without an owner matches nobody.
 * @public
 */
export const isProjectOwner = createPermissionRule({
  name: 'IS_PROJECT_OWNER',
  description:
    'Allow Harbor projects whose backstage.io/owner label names one of the given entity refs',
  resourceRef: harborProjectPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs to match the owner against, e.g. the user’s ownershipEntityRefs',
      ),
  }),
  apply: (resource, { claims }) =>
    resource.owner !== undefined &&
    claims.some(claim => sameRef(claim, resource.owner!)),
  toQuery: ({ claims }) => ({ owners: claims }),
});

/**
 * The rules of the harbor-project resource type, by condition name.
 * @public
 */
export const harborProjectPermissionRules = { isProjectOwner };

const exported = createConditionExports({
  resourceRef: harborProjectPermissionResourceRef,
  rules: harborProjectPermissionRules,
});

/**
 * Conditions for a policy's conditional decisions on the project permissions:
 * `harborProjectConditions.isProjectOwner({ claims: user.info.ownershipEntityRefs })`.
 * @public
 */
export const harborProjectConditions = exported.conditions;

/**
 * A conditional decision on a project permission, for a permission policy.
 * @public
 */
export const createHarborProjectConditionalDecision =
  exported.createConditionalDecision;
