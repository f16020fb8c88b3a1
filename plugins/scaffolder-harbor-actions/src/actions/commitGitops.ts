import {
  harborPlatformUpdatePermission,
  harborProjectCreatePermission,
  harborProjectUpdatePermission,
} from '@backstage-harbor/plugin-harbor-common';
import {
  GITOPS_PURPOSES,
  readProjectOwner,
  type GitCredentials,
  type GitopsPurpose,
  type GitopsRepository,
  type GitopsTargets,
  type HarborClients,
  type HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import {
  resolveSafeChildPath,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import { commitDirectory } from '../gitops';
import {
  allowedRepository,
  refuseBaseBranch,
  refuseSymbolicLinks,
  requireFolderWithin,
  teamFolder,
} from '../gitops/confine';
import {
  Zod,
  actionInput,
  clientFor,
  instanceField,
  planOutput,
  projectField,
} from '../inputs/schema';
import { runPlan } from '../provisioning/plan';
import { requireProject } from '../provisioning/projects';
import { examples } from './commitGitops.examples';

export const COMMIT_GITOPS_ID = 'harbor:gitops:commit';

const DEFAULT_AUTHOR = {
  name: 'Backstage Scaffolder',
  email: 'scaffolder@backstage.invalid',
};

function isRepoUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password &&
      !url.search &&
      !url.hash
    );
  } catch {
    return false;
  }
}

/** git-check-ref-format(1) rules for a branch name. */
function isBranchName(value: string): boolean {
  return (
    value !== '@' &&
    value !== 'HEAD' &&
    ![...value].some(
      c => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f,
    ) &&
    !/^[-/.]|[/.]$|\.\.|\/\/|\/\.|@\{|\.lock(\/|$)|[~^:?*[\\]/.test(value)
  );
}

const branchField = (z: Zod) =>
  z
    .string({ required_error: 'is required' })
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .refine(isBranchName, {
      message:
        "must be a valid Git branch name (no spaces, '..', '~^:?*[\\', leading '-' or '.', trailing '/', '.' or '.lock')",
    });

/** A repository-relative folder: `/`-separated, no `..`, no leading `/` or `./`. */
function isRepoFolder(value: string): boolean {
  return (
    value === '.' ||
    (/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/.test(value) &&
      !value.split('/').some(part => part === '..' || part === '.'))
  );
}

const input = actionInput((z: Zod) =>
  z
    .object({
      repoUrl: z
        .string()
        // An empty parameter of a template renders as ''; it means the default repository, like no value.
        .refine(value => value === '' || isRepoUrl(value), {
          message:
            'must be an http or https URL of a Git repository without credentials, query or fragment, e.g. https://git.example.com/platform/gitops.git; credentials come from the backend config',
        })
        .optional()
        .describe(
          'The Git repository over HTTP(S), e.g. https://git.example.com/platform/gitops.git; harbor.gitops.defaultRepoUrl when empty (the demo portal: its embedded Git server). Only a repository of harbor.gitops.repositories (without that list: the default repository) that takes the purpose. Credentials are never part of it: the backend uses harbor.gitops.credentials or the integrations config for its host.',
        ),
      purpose: z
        .enum(GITOPS_PURPOSES as [GitopsPurpose, ...GitopsPurpose[]])
        .describe(
          "What is committed: 'platform' (the platform's manifests, under the repository's platformPath, with harbor.platform.update) or 'team' (a team's deliveries, under <teamPath>/<owner name> of the project's owner, with harbor.project.update on the project).",
        ),
      instance: instanceField(z),
      project: projectField(z)
        .optional()
        .describe(
          "For purpose 'team': the Harbor project whose deliveries these are; its recorded owner decides the folder and who may commit.",
        ),
      branch: branchField(z).describe(
        "The branch to commit to; created from baseBranch when it does not exist. Never the repository's base branch (unless harbor.gitops.repositories[].allowBaseBranch): open a merge/pull request from it.",
      ),
      baseBranch: branchField(z)
        .optional()
        .describe(
          "The branch a new branch starts from. Default: the repository's baseBranch ('main' unless configured); an empty repository starts without a parent.",
        ),
      sourcePath: z
        .string()
        .min(1, "must not be empty; use '.' for the whole workspace")
        .default('.')
        .describe(
          "The workspace directory whose files become the files of the branch (added, changed and removed files alike). Default '.'.",
        ),
      targetPath: z
        .string()
        .refine(isRepoFolder, {
          message:
            "must be a folder of the repository such as platform/harbor ('/'-separated, no '..'), or '.' for the root",
        })
        .default('.')
        .describe(
          "The folder of the repository the files of sourcePath are written to; files outside it are kept. Under the repository's platformPath for purpose 'platform', under <teamPath>/<owner name> for 'team'.",
        ),
      prune: z
        .boolean()
        .default(true)
        .describe(
          "Delete the files under targetPath that sourcePath does not have. Default true; false only adds and updates files (e.g. to keep other teams' folders).",
        ),
      commitMessage: z
        .string()
        .min(1, 'must not be empty')
        .max(4096, 'must be at most 4096 characters')
        .default('Update from Backstage')
        .describe("The commit message. Default 'Update from Backstage'."),
    })
    .strict(),
);

const outputSchema = (z: Zod) =>
  z.object({
    commitHash: z
      .string()
      .optional()
      .describe(
        'The branch tip after the run; absent in a dry run that would make a new commit.',
      ),
    repoUrl: z
      .string()
      .describe(
        'The repository committed to (the default repository when repoUrl was empty).',
      ),
    branch: z.string().describe('The branch committed to.'),
    changed: z
      .boolean()
      .describe('Whether the branch was (in a dry run: would be) changed.'),
    files: z
      .array(
        z.object({
          path: z.string().describe('The file path in the repository.'),
          change: z
            .enum(['added', 'modified', 'deleted'])
            .describe('How the file changes.'),
        }),
      )
      .describe(
        'The files that changed (in a dry run: would change) relative to the branch, or to baseBranch for a new branch.',
      ),
    plan: planOutput(z),
  });

/** The workspace directory to commit; outside the workspace or not a directory is an input error. */
function sourceDirectory(workspacePath: string, sourcePath: string): string {
  let sourceDir: string;
  try {
    sourceDir = resolveSafeChildPath(workspacePath, sourcePath);
  } catch {
    throw new InputError(
      `sourcePath: '${sourcePath}' is outside the workspace; give a path relative to it`,
    );
  }
  if (!fs.existsSync(sourceDir) || !fs.statSync(sourceDir).isDirectory())
    throw new InputError(
      `sourcePath: '${sourcePath}' is not a directory of the workspace`,
    );
  return sourceDir;
}

/** The credentials of the repository, which only a dry run may lack. */
function credentialsOf(
  targets: GitopsTargets,
  repoUrl: string,
  dryRun: boolean,
): GitCredentials | undefined {
  const credentials = targets.credentialsFor(repoUrl);
  if (!credentials && !dryRun)
    throw new InputError(
      `repoUrl: no credentials are configured for ${
        new URL(repoUrl).host
      }; add them to harbor.gitops.credentials (host, username, password) or to an integrations entry with a username and password`,
    );
  return credentials;
}

type CommitRequest = ReturnType<typeof input.parse>;

/**
 * The permission and the folder of the purpose, checked with the initiator's credentials before any Git request:
 * the platform folder with harbor.platform.update; a team's folder (of the project's recorded owner) with
 * harbor.project.update on the project. A project that does not exist is an input error, except in a dry run.
 */
async function authorizeFolder(
  options: { clients: HarborClients; authorizer: HarborProjectAuthorizer },
  credentials: BackstageCredentials,
  repository: GitopsRepository,
  request: CommitRequest,
  { dryRun, signal }: { dryRun: boolean; signal?: AbortSignal },
): Promise<void> {
  if (request.purpose === 'platform') {
    await options.authorizer.require(
      credentials,
      harborPlatformUpdatePermission,
    );
    requireFolderWithin(
      request.targetPath,
      repository.platformPath,
      'the platform',
    );
    return;
  }
  if (!request.project)
    throw new InputError(
      "project: is required for purpose 'team'; the project's recorded owner decides the folder",
    );
  const client = clientFor(options.clients, request.instance, signal);
  const instance = client.instance.name;
  const project = await requireProject(client, request.project, dryRun);
  if (!project) {
    // A dry run of the onboarding: its project step would create the project and record the owner the task's
    // initiator may name; the folder is checked against that owner when the task runs.
    await options.authorizer.require(
      credentials,
      harborProjectCreatePermission,
      { project: request.project, instance },
    );
    return;
  }
  const owner = await readProjectOwner(client, project);
  if (!owner)
    throw new NotAllowedError(
      `Harbor project '${request.project}' (instance '${instance}') has no owner recorded, so it has no team folder to commit to; the platform team adopts it first by running 'Onboard a team to Harbor' with the owner to record`,
    );
  await options.authorizer.requireProject(
    credentials,
    harborProjectUpdatePermission,
    { instance, project: request.project, owner },
  );
  requireFolderWithin(
    request.targetPath,
    teamFolder(repository, owner),
    `${owner}, the owner of Harbor project '${request.project}'`,
  );
}

/** `harbor:gitops:commit`: the files of a workspace directory committed to a branch of a Git repository. */
export function createCommitGitopsAction(options: {
  gitopsTargets: GitopsTargets;
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: COMMIT_GITOPS_ID,
    description:
      "Commits the files of a workspace directory to a folder of a branch of a Git repository over HTTP(S), with credentials from the backend config. Only to an allowed repository (harbor.gitops.repositories), never to its base branch, and only into the platform's folder (harbor.platform.update) or the folder of the project owner's team (harbor.project.update), checked with the initiator's credentials before any Git request. Idempotent: no commit when the branch already has exactly these files; supports dry run.",
    examples,
    supportsDryRun: true,
    schema: { input: input.schema, output: outputSchema },
    async handler(ctx) {
      const request = input.parse(COMMIT_GITOPS_ID, ctx.input);
      const sourceDir = sourceDirectory(ctx.workspacePath, request.sourcePath);
      refuseSymbolicLinks(sourceDir, request.sourcePath);
      const { repoUrl, repository } = allowedRepository(
        options.gitopsTargets,
        request.repoUrl,
        request.purpose,
      );
      const baseBranch = request.baseBranch ?? repository.baseBranch;
      refuseBaseBranch(repository, request.branch, baseBranch);
      await authorizeFolder(
        options,
        await ctx.getInitiatorCredentials(),
        repository,
        request,
        { dryRun: Boolean(ctx.isDryRun), signal: ctx.signal },
      );
      const credentials = credentialsOf(
        options.gitopsTargets,
        repoUrl,
        Boolean(ctx.isDryRun),
      );
      const profile = ctx.user?.entity?.spec?.profile;
      const author = profile?.email
        ? { name: profile.displayName ?? profile.email, email: profile.email }
        : DEFAULT_AUTHOR;

      const result = await runPlan(
        ctx,
        `Git branch ${request.branch} of ${repoUrl}`,
        plan =>
          commitDirectory(
            {
              repoUrl,
              branch: request.branch,
              baseBranch,
              sourceDir,
              targetPath: request.targetPath,
              prune: request.prune,
              message: request.commitMessage,
              author,
              credentials,
              signal: ctx.signal,
            },
            plan,
          ),
      );
      if (result.commitHash) ctx.output('commitHash', result.commitHash);
      ctx.output('repoUrl', repoUrl);
      ctx.output('branch', request.branch);
      ctx.output('changed', result.changed);
      ctx.output('files', result.files);
    },
  });
}
