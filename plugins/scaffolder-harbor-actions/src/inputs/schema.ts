import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
} from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClient,
  HarborClients,
} from '@backstage-harbor/plugin-harbor-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

type ActionOptions = Parameters<typeof createTemplateAction>[0];
type SchemaBuilder = Extract<
  NonNullable<NonNullable<ActionOptions['schema']>['input']>,
  (z: any) => any
>;
/** The zod (v3 API) that the scaffolder hands to schema builders. */
export type Zod = Parameters<SchemaBuilder>[0];
export type ZodSchema = ReturnType<SchemaBuilder>;
type ZodString = ReturnType<Zod['string']>;
type ZodOptionalString = ReturnType<ZodString['optional']>;
type ZodParsedString = ReturnType<ZodString['superRefine']>;
type ZodShape = Record<string, InstanceType<Zod['ZodType']>>;

/**
 * An action's input schema, built once with the scaffolder's zod and kept so the handler can parse `ctx.input`
 * with it too: the task runner checks only the JSON schema derived from it (not refinements such as quota units
 * or cron), and tests call handlers directly. Every message names the field and the rule.
 */
export function actionInput<S extends ZodSchema>(build: (z: Zod) => S) {
  let built: S | undefined;
  return {
    schema: (z: Zod): S => (built ??= build(z)),
    parse(actionId: string, input: unknown): ReturnType<S['parse']> {
      if (!built)
        throw new Error(`${actionId}: the input schema was never built`);
      const result = built.safeParse(input);
      if (result.success) return result.data;
      const problems = result.error.issues.map(issue => {
        const field = issue.path.join('.');
        if (issue.code === 'unrecognized_keys') {
          const credential = issue.keys.some(k =>
            /token|password|secret|credential/i.test(k),
          );
          return `${issue.keys.join(', ')}: not an input of ${actionId}${
            credential
              ? '; Harbor credentials are never action inputs, the backend uses its configured harbor.* credentials'
              : ''
          }`;
        }
        return `${field || 'input'}: ${issue.message}`;
      });
      throw new InputError(
        `Invalid input to ${actionId}: ${problems.join('; ')}`,
      );
    },
  };
}

/** The `instance` input every action takes. */
export const instanceField = (z: Zod): ZodOptionalString =>
  z
    .string()
    .min(1, 'must not be empty; leave it out for the default instance')
    .optional()
    .describe(
      "The Harbor instance, by its name in harbor.instances (or one of its registry hosts). The default (first) instance when absent. The backend's configured credentials for it are used; no token is ever an input.",
    );

/**
 * A name under Harbor's project-name rule (plugin-harbor-common), which Harbor applies to robot and registry
 * names too (src: robot.go), with the limit of what it names. One rule, one set of messages.
 */
export const harborNameField = (
  z: Zod,
  max: number,
  note?: string,
): ZodString =>
  z
    .string({ required_error: 'is required' })
    .min(1, `must not be empty: ${HARBOR_PROJECT_NAME_RULE}`)
    .max(max, `must be at most ${max} characters`)
    .regex(
      HARBOR_PROJECT_NAME_PATTERN,
      `must be ${HARBOR_PROJECT_NAME_RULE}${note ? ` (${note})` : ''}`,
    );

/** The `project` input: Harbor's project name rule. */
export const projectField = (z: Zod): ZodString =>
  harborNameField(z, HARBOR_PROJECT_NAME_MAX).describe(
    `The Harbor project name: ${HARBOR_PROJECT_NAME_RULE}, at most ${HARBOR_PROJECT_NAME_MAX} characters.`,
  );

/** The input of an action on one Harbor project: `instance`, `project` and the action's own fields, nothing else. */
export function projectActionInput<T extends ZodShape>(fields: (z: Zod) => T) {
  return actionInput((z: Zod) =>
    z
      .object({
        instance: instanceField(z),
        project: projectField(z),
        ...fields(z),
      })
      .strict(),
  );
}

/** A string input checked by one of the rule parsers (quota, cron), with the parser's explanation as message. */
export const parsedField = (
  z: Zod,
  parse: (value: string) => { error: string } | object,
): ZodParsedString =>
  z.string().superRefine((value, ctx) => {
    const parsed = parse(value);
    if ('error' in parsed)
      ctx.addIssue({ code: 'custom', message: parsed.error });
  });

/** The `plan` output every action sets. */
/** Typed loosely: the shape is documented by the schema, the value is `Plan.toJSON()`. */
export const planOutput = (z: Zod): ZodSchema =>
  z
    .array(
      z.object({
        resource: z.string().describe('The Harbor or Kubernetes resource.'),
        action: z
          .enum(['create', 'update', 'refresh-secret', 'write-secret', 'none'])
          .describe(
            "What was (in a dry run: would be) done; 'none' when it is in place.",
          ),
        detail: z.string().describe('What changes, or why nothing does.'),
      }),
    )
    .describe(
      'The changes, in order: what was done, or in a dry run what would be done. Empty of changes (all "none") when everything is in place.',
    );

/**
 * The client of the requested instance; an unknown instance is an input error naming the field. Its first call
 * (always before any write) waits for the check that the instance's credentials authenticate as the configured
 * account, and every call fails with a `HarborCredentialsRejectedError` naming the instance while they do not.
 */
export function clientFor(
  clients: HarborClients,
  instance: string | undefined,
  signal?: AbortSignal,
): HarborClient {
  const found = clients.instances.find(instance);
  if (!found) {
    const known = clients.instances
      .list()
      .map(i => `'${i.name}'`)
      .join(', ');
    throw new InputError(
      `instance: no Harbor instance named '${instance}' is configured; known instances: ${known}`,
    );
  }
  return clients.forInstance(found.name).withContext({ signal });
}
