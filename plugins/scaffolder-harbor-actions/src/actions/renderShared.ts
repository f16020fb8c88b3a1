import type { LoggerService } from '@backstage/backend-plugin-api';
import type { WrittenFile } from '../gitops';
import type { Zod, ZodSchema } from './schema';

type ZodDefaultString = ReturnType<ReturnType<Zod['string']>['default']>;

/** `targetPath`: the workspace folder the rendered repository files go to. */
export const targetPathField = (z: Zod): ZodDefaultString =>
  z
    .string()
    .min(1, "must not be empty; use '.' for the workspace itself")
    .default('gitops')
    .describe(
      "The workspace folder the files are rendered into, at their repository paths (e.g. gitops/platform/harbor/...). Must stay inside the workspace. Default 'gitops'.",
    );

/** The outputs both render actions share. */
export const renderOutput = (
  z: Zod,
): Record<'sourcePath' | 'repoPath' | 'files', ZodSchema> => ({
  sourcePath: z
    .string()
    .describe(
      'The workspace folder that holds the files of repoPath: the sourcePath for harbor:gitops:commit or publish:*.',
    ),
  repoPath: z
    .string()
    .describe(
      'The folder of the repository the files belong in: the targetPath for harbor:gitops:commit or publish:*.',
    ),
  files: z
    .array(
      z.object({
        path: z.string().describe('The file path in the repository.'),
        objects: z
          .array(z.string())
          .describe('The objects in the file, as `Kind namespace/name`.'),
      }),
    )
    .describe('Every rendered file; each object passed its schema.'),
});

/** The closing log line; a dry run renders too (only into its own workspace) and says so. */
export function logRendered(
  logger: LoggerService,
  what: string,
  folder: string,
  files: WrittenFile[],
  dryRun: boolean,
) {
  const objects = files.reduce((n, f) => n + f.objects.length, 0);
  logger.info(
    `${dryRun ? '[dry run] ' : ''}Rendered ${what}: ${
      files.length
    } files with ${objects} objects, each valid against its schema, into workspace folder ${folder}${
      dryRun
        ? ' (the dry run renders into its own workspace; nothing leaves it)'
        : ''
    }`,
  );
}
