import type { GitCredentials } from '@backstage-harbor/plugin-harbor-node';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../provisioning/plan';
import { Git, GitCommandError } from './git';

/** One file that differs between the branch (or its base) and the directory. */
export interface FileChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
}

export interface CommitDirectoryRequest {
  /** http(s) URL of the repository, without credentials. */
  repoUrl: string;
  branch: string;
  baseBranch: string;
  /** The directory whose files become the files under `targetPath` of the branch. */
  sourceDir: string;
  /**
   * The folder of the repository the directory is written to, `/`-separated, '' or '.' for the root. Files
   * outside it are kept as they are on the branch.
   */
  targetPath?: string;
  /** Delete the files under `targetPath` that the directory does not have. Default true. */
  prune?: boolean;
  message: string;
  author: { name: string; email: string };
  credentials?: GitCredentials;
  signal?: AbortSignal;
}

export interface CommitDirectoryResult {
  /** The branch tip after the run; absent in a dry run that would make a new commit. */
  commitHash?: string;
  changed: boolean;
  files: FileChange[];
}

const CHANGE: Record<string, FileChange['change']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  T: 'modified',
};

function gitError(error: unknown, repoUrl: string): Error {
  if (!(error instanceof GitCommandError)) return error as Error;
  const host = new URL(repoUrl).host;
  if (error.authFailed)
    return new NotAllowedError(
      `repoUrl: the Git server ${host} refused the configured credentials for ${repoUrl}; check harbor.gitops.credentials (or the integrations entry) for host ${host}`,
    );
  if (/not found|does not appear to be a git repository/i.test(error.stderr))
    return new NotFoundError(
      `repoUrl: no Git repository at ${repoUrl}; create it first`,
    );
  if (/non-fast-forward|fetch first|rejected/i.test(error.stderr))
    return new ConflictError(
      `The branch was changed on ${repoUrl} while committing; run the action again`,
    );
  return error;
}

const normalise = (targetPath: string | undefined) =>
  (targetPath ?? '').replace(/^\.?\/?$/, '').replace(/\/+$/, '');

/**
 * The tree of the new commit: the source tree itself when it replaces the whole branch, otherwise the parent's
 * tree with the source files written under `targetPath` (and, with `prune`, nothing else left under it).
 * Built in the index with plumbing, so no checkout of the branch is needed.
 */
async function placeTree(
  git: Git,
  sourceTree: string,
  parent: string | undefined,
  request: CommitDirectoryRequest,
): Promise<string> {
  const prefix = normalise(request.targetPath);
  const prune = request.prune ?? true;
  if (!prefix && prune) return sourceTree;
  const list = async (tree: string) =>
    (await git.run(['ls-tree', '-r', '-z', tree]))
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const tab = line.indexOf('\t');
        return { info: line.slice(0, tab), path: line.slice(tab + 1) };
      });
  const inside = (file: string) => !prefix || file.startsWith(`${prefix}/`);
  // Path → `<mode> <type> <object>`; ls-tree lines are valid --index-info lines.
  const entries = new Map<string, string>();
  for (const entry of parent ? await list(parent) : [])
    if (!(prune && inside(entry.path))) entries.set(entry.path, entry.info);
  for (const entry of await list(sourceTree))
    entries.set(prefix ? `${prefix}/${entry.path}` : entry.path, entry.info);
  await git.run(['read-tree', '--empty']);
  if (entries.size > 0)
    await git.run(
      ['update-index', '-z', '--index-info'],
      [...entries].map(([file, info]) => `${info}\t${file}\0`).join(''),
    );
  return (await git.run(['write-tree'])).trim();
}

/** The tips of the branch and of its base on the remote, and the ref the new commit goes on top of. */
async function remoteHeads(git: Git, request: CommitDirectoryRequest) {
  const { repoUrl, branch, baseBranch } = request;
  const heads = new Map<string, string>();
  const listed = await git
    .run([
      'ls-remote',
      '--heads',
      repoUrl,
      `refs/heads/${branch}`,
      `refs/heads/${baseBranch}`,
    ])
    .catch(e => {
      throw gitError(e, repoUrl);
    });
  for (const line of listed.split('\n').filter(Boolean)) {
    const [sha, ref] = line.split('\t');
    heads.set(ref.replace(/^refs\/heads\//, ''), sha);
  }
  const branchTip = heads.get(branch);
  const parentRef = branchTip ? branch : heads.get(baseBranch) && baseBranch;
  return { branchTip, parentRef: parentRef || undefined };
}

/** The commit the new one goes on top of, fetched shallow. */
async function fetchParent(
  git: Git,
  repoUrl: string,
  parentRef: string,
): Promise<string> {
  await git
    .run([
      'fetch',
      '--quiet',
      '--no-tags',
      '--depth=1',
      repoUrl,
      `refs/heads/${parentRef}:refs/remotes/origin/${parentRef}`,
    ])
    .catch(e => {
      throw gitError(e, repoUrl);
    });
  return (
    await git.run(['rev-parse', `refs/remotes/origin/${parentRef}`])
  ).trim();
}

/** The files `tree` changes relative to the parent commit (every file when there is none). */
async function changedFiles(
  git: Git,
  parent: string | undefined,
  tree: string,
): Promise<FileChange[]> {
  const files: FileChange[] = [];
  if (!parent) {
    const all = await git.run(['ls-tree', '-r', '-z', '--name-only', tree]);
    for (const p of all.split('\0').filter(Boolean))
      files.push({ path: p, change: 'added' });
    return files;
  }
  const parentTree = (await git.run(['rev-parse', `${parent}^{tree}`])).trim();
  const diff = await git.run([
    'diff-tree',
    '-r',
    '-z',
    '--no-renames',
    '--name-status',
    parentTree,
    tree,
  ]);
  const parts = diff.split('\0').filter(Boolean);
  for (let i = 0; i + 1 < parts.length; i += 2)
    files.push({
      change: CHANGE[parts[i]] ?? 'modified',
      path: parts[i + 1],
    });
  return files;
}

async function push(git: Git, repoUrl: string, commit: string, branch: string) {
  // A plain push only fast-forwards: a branch moved by someone else meanwhile is rejected, never overwritten.
  await git
    .run(['push', '--quiet', repoUrl, `${commit}:refs/heads/${branch}`])
    .catch(e => {
      throw gitError(e, repoUrl);
    });
}

/**
 * Makes the files under `targetPath` of `branch` (the whole tree by default) equal to the files of `sourceDir`
 * (or, without `prune`, adds and updates them only): one commit on top of the branch (or of
 * `baseBranch` when the branch is new), pushed as a fast-forward, or nothing when the tree is already equal.
 * The workspace is read through a separate GIT_DIR, so a `.git` of the workspace is never touched.
 */
export async function commitDirectory(
  request: CommitDirectoryRequest,
  plan: Plan,
): Promise<CommitDirectoryResult> {
  const { repoUrl, branch, baseBranch } = request;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-gitops-'));
  // A local, non-bare repository whose work tree is swapped for the source directory through GIT_WORK_TREE.
  execFileSync('git', ['init', '--quiet', tmp], { stdio: 'ignore' });
  const git = new Git({
    gitDir: path.join(tmp, '.git'),
    workTree: request.sourceDir,
    origin: new URL(repoUrl).origin,
    credentials: request.credentials,
    author: request.author,
    signal: request.signal,
  });
  const resource = `branch ${branch} of ${repoUrl}`;
  try {
    const { branchTip, parentRef } = await remoteHeads(git, request);
    const parent = parentRef
      ? await fetchParent(git, repoUrl, parentRef)
      : undefined;

    // --force: the directory is the desired tree, a .gitignore in it does not drop files.
    await git.run(['add', '--all', '--force', '.']);
    const sourceTree = (await git.run(['write-tree'])).trim();
    const tree = await placeTree(git, sourceTree, parent, request);
    const files = await changedFiles(git, parent, tree);
    const summary = files.map(f => `${f.change} ${f.path}`).join(', ');

    if (branchTip && files.length === 0) {
      plan.inPlace(resource, 'the branch already has exactly these files');
      return { commitHash: branchTip, changed: false, files };
    }

    if (!branchTip && parent && files.length === 0) {
      // The base already has these files: the new branch points at the base commit, no empty commit.
      if (
        plan.change(
          resource,
          'create',
          `new branch at ${baseBranch} (${parent.slice(
            0,
            12,
          )}), which already has these files`,
        )
      ) {
        await push(git, repoUrl, parent, branch);
      }
      return { commitHash: parent, changed: true, files };
    }

    const detail = `${
      branchTip
        ? 'commit'
        : `new branch from ${
            parentRef ?? 'an empty repository'
          } with a commit of`
    } ${files.length} file change(s): ${summary}`;
    if (!plan.change(resource, branchTip ? 'update' : 'create', detail))
      return { changed: true, files };

    const commit = (
      await git.run(
        ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'],
        request.message,
      )
    ).trim();
    await push(git, repoUrl, commit, branch);
    return { commitHash: commit, changed: true, files };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
