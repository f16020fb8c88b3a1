import type { LoggerService } from '@backstage/backend-plugin-api';
import path from 'node:path';
import type { Zod, ZodSchema } from '../inputs/schema';
import type { WrittenFile } from './writeManifests';

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

/**
 * The end of a render action: the closing log line (a dry run renders too, only into its own workspace, and says
 * so) and the outputs `sourcePath` (the workspace folder for the commit step), `repoPath` and `files`.
 */
export function reportRendered(
  ctx: {
    workspacePath: string;
    logger: LoggerService;
    isDryRun?: boolean;
    output(name: string, value: unknown): void;
  },
  rendered: {
    what: string;
    folder: string;
    repoPath: string;
    files: WrittenFile[];
  },
) {
  const { what, folder, repoPath, files } = rendered;
  const sourcePath = path.posix.join(
    path.relative(ctx.workspacePath, folder).split(path.sep).join('/') || '.',
    repoPath,
  );
  const dryRun = Boolean(ctx.isDryRun);
  const objects = files.reduce((n, f) => n + f.objects.length, 0);
  ctx.logger.info(
    `${dryRun ? '[dry run] ' : ''}Rendered ${what}: ${
      files.length
    } files with ${objects} objects, each valid against its schema, into workspace folder ${sourcePath}${
      dryRun
        ? ' (the dry run renders into its own workspace; nothing leaves it)'
        : ''
    }`,
  );
  ctx.output('sourcePath', sourcePath);
  ctx.output('repoPath', repoPath);
  ctx.output('files', files);
}
