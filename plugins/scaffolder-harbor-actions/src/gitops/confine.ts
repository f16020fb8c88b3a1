import type {
  GitopsPurpose,
  GitopsRepository,
  GitopsTargets,
} from '@backstage-harbor/plugin-harbor-node';
import { normalizeRepoUrl } from '@backstage-harbor/plugin-harbor-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where `harbor:gitops:commit` may write (issue #17): a repository of the allow-list that takes the purpose, a
 * branch that is not the one Flux applies, and a folder of the purpose. Every refusal comes before any Git
 * request and names what was refused.
 */

/** The repository (the input, else the default) from the allow-list, for the purpose. */
export function allowedRepository(
  targets: GitopsTargets,
  requested: string | undefined,
  purpose: GitopsPurpose,
): { repoUrl: string; repository: GitopsRepository } {
  const repoUrl = requested || targets.defaultRepoUrl();
  if (!repoUrl)
    throw new InputError(
      'repoUrl: no repository given and no harbor.gitops.defaultRepoUrl configured; give the http(s) URL of the Git repository',
    );
  const allowed = targets.repositories();
  const repository = allowed.find(r => r.url === normalizeRepoUrl(repoUrl));
  if (!repository)
    throw new NotAllowedError(
      `repoUrl: ${repoUrl} is not a repository harbor:gitops:commit may write to; the allowed ones are harbor.gitops.repositories (or, without that list, harbor.gitops.defaultRepoUrl): ${
        allowed.map(r => r.url).join(', ') || 'none configured'
      }`,
    );
  if (!repository.purposes.includes(purpose))
    throw new NotAllowedError(
      `purpose: ${repoUrl} takes ${repository.purposes.join(
        ' and ',
      )} commits, not ${purpose} commits (harbor.gitops.repositories[].purposes)`,
    );
  return { repoUrl, repository };
}

/** The branch Flux applies is reached through a merge/pull request, unless the repository allows it. */
export function refuseBaseBranch(
  repository: GitopsRepository,
  branch: string,
  baseBranch: string,
): void {
  if (repository.allowBaseBranch) return;
  if (branch === repository.baseBranch || branch === baseBranch)
    throw new NotAllowedError(
      `branch: '${branch}' is the base branch of ${repository.url}, which is never committed to directly; commit to another branch and open a merge/pull request into '${repository.baseBranch}' (or set allowBaseBranch for this repository in harbor.gitops.repositories)`,
    );
}

/**
 * A repository folder, normalised: `/`-separated without `.` or empty parts or a trailing `/`, '' for the root;
 * a `..` that leaves the root or an absolute path stays visible (leading `..` or `/`) so the caller refuses it.
 */
export function normalizeFolder(targetPath: string): string {
  const normalised = path.posix.normalize(targetPath).replace(/\/+$/, '');
  return normalised === '.' ? '' : normalised;
}

/** Whether `folder` is `parent` or lies below it. */
function within(folder: string, parent: string): boolean {
  return !parent || folder === parent || folder.startsWith(`${parent}/`);
}

/** The folder a team's deliveries go to: `<teamPath>/<name of the owner entity>`. */
export function teamFolder(
  repository: GitopsRepository,
  owner: string,
): string {
  return `${repository.teamPath}/${parseEntityRef(owner).name}`;
}

/** Refuses a target folder outside `allowed` (after normalising), naming both. */
export function requireFolderWithin(
  targetPath: string,
  allowed: string,
  why: string,
): void {
  const folder = normalizeFolder(targetPath);
  if (
    folder.startsWith('/') ||
    folder.split('/').includes('..') ||
    !within(folder, allowed)
  )
    throw new NotAllowedError(
      `targetPath: '${targetPath}' is outside ${allowed}/, the folder of ${why}; give a folder under ${allowed}/ (for example ${allowed}/<name>)`,
    );
}

/**
 * Refuses a source directory holding a symbolic link: Git stores the link itself, which would point the
 * repository's tree outside the folder it is confined to.
 */
export function refuseSymbolicLinks(sourceDir: string, sourcePath: string) {
  const walk = (dir: string): string | undefined => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) return full;
      if (entry.isDirectory() && entry.name !== '.git') {
        const found = walk(full);
        if (found) return found;
      }
    }
    return undefined;
  };
  const link = walk(sourceDir);
  if (link)
    throw new InputError(
      `sourcePath: '${sourcePath}' holds the symbolic link ${path
        .relative(sourceDir, link)
        .split(path.sep)
        .join('/')}; commit files only`,
    );
}
