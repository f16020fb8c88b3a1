import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The repository root: the nearest folder up from here with backstage.json. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    if (dirname(dir) === dir)
      throw new Error(`no backstage.json above ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

export const repoRoot = findRepoRoot(process.cwd());
