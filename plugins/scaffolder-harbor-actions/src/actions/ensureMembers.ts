import { harborProjectMembersUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import {
  GROUP_TYPES,
  GroupTypeName,
  MemberReconciler,
  MemberRequest,
} from '../provisioning/memberReconciler';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import { PROJECT_ROLE_NAMES } from '../provisioning/rules';
import { examples } from './ensureMembers.examples';

export const ENSURE_MEMBERS_ID = 'harbor:members:ensure';

const ENTITY_REF_RULE =
  "a catalog entity ref of kind group or user, like 'group:default/team-a' or 'user:alice'";

/** The entity ref as kind and name, or undefined when it is not a Group or User ref. */
function parseMemberRef(
  ref: string,
): { kind: 'user' | 'group'; name: string; ref: string } | undefined {
  try {
    const parsed = parseEntityRef(ref);
    const kind = parsed.kind.toLocaleLowerCase('en-US');
    if (kind !== 'user' && kind !== 'group') return undefined;
    return { kind, name: parsed.name, ref: stringifyEntityRef(parsed) };
  } catch {
    return undefined;
  }
}

const input = projectActionInput((z: Zod) => ({
  members: z
    .array(
      z
        .object({
          entity: z
            .string({ required_error: 'is required' })
            .refine(v => parseMemberRef(v) !== undefined, {
              message: `must be ${ENTITY_REF_RULE}`,
            })
            .describe(
              `The catalog entity: ${ENTITY_REF_RULE}. A User becomes the Harbor user of the same name; a Group becomes the Harbor user group of the same name (of the type in harbor.members.groupType).`,
            ),
          role: z
            .enum(PROJECT_ROLE_NAMES)
            .describe(
              'The project role: projectAdmin, maintainer, developer, guest or limitedGuest.',
            ),
        })
        .strict(),
    )
    .min(1, 'must list at least one member')
    .max(50, 'must list at most 50 members')
    .superRefine((members, ctx) => {
      const refs = members.map(m => parseMemberRef(m.entity)?.ref);
      refs.forEach((ref, i) => {
        if (ref && refs.indexOf(ref) !== i) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'entity'],
            message: `'${ref}' is listed twice`,
          });
        }
      });
    })
    .describe(
      'The catalog Users and Groups to make project members, with their roles.',
    ),
}));

/** `harbor:members:ensure`: catalog Users and Groups as Harbor project members. */
export function createEnsureMembersAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
  config: Config;
}) {
  return createTemplateAction({
    id: ENSURE_MEMBERS_ID,
    description:
      'Makes catalog Users and Groups members of a Harbor project with a role (projectAdmin, maintainer, developer, guest, limitedGuest). Groups map to Harbor user groups of the configured type (harbor.members.groupType). Idempotent; a changed role is reported and reconciled; supports dry run.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) => z.object({ plan: planOutput(z) }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_MEMBERS_ID, ctx.input);
      const members: MemberRequest[] = request.members.map(m => {
        const ref = parseMemberRef(m.entity)!;
        return {
          entityRef: ref.ref,
          kind: ref.kind,
          name: ref.name,
          role: m.role,
        };
      });
      const groupType = options.config.getOptionalString(
        'harbor.members.groupType',
      );
      if (groupType !== undefined && !(groupType in GROUP_TYPES)) {
        throw new InputError(
          `harbor.members.groupType '${groupType}' is not one of ldap, http, oidc`,
        );
      }
      const firstGroup = members.findIndex(m => m.kind === 'group');
      if (firstGroup >= 0 && !groupType) {
        throw new InputError(
          `Invalid input to ${ENSURE_MEMBERS_ID}: members.${firstGroup}.entity: ${members[firstGroup].entityRef} is a Group, and harbor.members.groupType (ldap, http or oidc) is not configured, so it cannot be mapped to a Harbor user group`,
        );
      }
      const client = clientFor(options.clients, request.instance, ctx.signal);
      await authorizeProjectAction(ctx, options.authorizer, client, {
        project: request.project,
        permission: harborProjectMembersUpdatePermission,
      });
      await runPlan(ctx, `Harbor members of project ${request.project}`, plan =>
        new MemberReconciler(
          client,
          plan,
          groupType as GroupTypeName | undefined,
        ).reconcile(request.project, members),
      );
    },
  });
}
