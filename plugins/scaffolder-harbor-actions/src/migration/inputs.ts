import {
  PREFIX_PATTERN,
  PREFIX_RULE,
} from '@backstage-harbor/plugin-harbor-node';
import {
  harborNameField,
  instanceField,
  projectField,
  type Zod,
} from '../inputs/schema';

// Declared types, because the inferred ones name a nested copy of zod (TS2742).
type ZodNumber = ReturnType<Zod['number']>;
type ZodString = ReturnType<Zod['string']>;
type ZodArrayOf = ReturnType<Zod['array']>;
type ZodOptionalArray = ReturnType<ZodArrayOf['optional']>;
/** Any output field. */
export type ZodField = InstanceType<Zod['ZodType']>;

/** The `rules` input of the migration actions. */
export const mappingRulesField = (z: Zod): ZodOptionalArray =>
  z
    .array(
      z
        .object({
          prefix: z
            .string({ required_error: 'is required' })
            .regex(PREFIX_PATTERN, `must be ${PREFIX_RULE}`)
            .describe(
              "The start of the repository names this rule takes, as whole path components ending with '/' (e.g. 'team-a/'); '' takes every repository (put it last).",
            ),
          project: projectField(z).describe(
            'The Harbor project the repositories go to.',
          ),
          keepPath: z
            .boolean()
            .default(false)
            .describe(
              'Keep the whole source name inside the project (team-a/api → <project>/team-a/api) instead of removing the prefix (→ <project>/api). Default false.',
            ),
        })
        .strict(),
    )
    // No minimum: an empty list, as a scaffolder form sends for an untouched list, means "the configured rules".
    .max(100, 'must list at most 100 rules')
    .optional()
    .describe(
      'Where each repository of the old registry goes, by name prefix; the first matching rule wins. Repositories no rule matches are reported and left alone. Absent or empty: the rules configured in harbor.migration.rules, which the migration page maps by too.',
    );

/** The `concurrency` input: repositories read from the old registry at once. */
export const concurrencyField = (z: Zod): ReturnType<ZodNumber['default']> =>
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(32, 'must be at most 32')
    .default(8)
    .describe(
      'Repositories read from the old registry at once (1-32). Default 8.',
    );

/** The inputs of every migration action: which Harbor, which rules, how many reads of the old registry at once. */
export const mappingInputFields = (
  z: Zod,
): {
  instance: ReturnType<typeof instanceField>;
  rules: ZodOptionalArray;
  concurrency: ReturnType<typeof concurrencyField>;
} => ({
  instance: instanceField(z),
  rules: mappingRulesField(z),
  concurrency: concurrencyField(z),
});

/** The `registryName` input: the Harbor registry endpoint of the old registry (Harbor's name rule, 64 characters). */
export const registryNameField = (z: Zod): ReturnType<ZodString['optional']> =>
  harborNameField(z, 64)
    .optional()
    .describe(
      "The name of the Harbor registry endpoint of the old registry; it is found by this name on later runs, and the migration page finds the policies by it. Default: harbor.migration.registryName, else 'old-registry'.",
    );
