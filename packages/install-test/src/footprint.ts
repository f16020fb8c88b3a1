import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What one package brings into an app that has everything else already. */
export interface Footprint {
  name: string;
  /** Its own `dependencies`. */
  directDependencies: number;
  /** Packages in its dependency tree that the app would not have without it (itself included). */
  addedPackages: number;
  /** Their size on disk, in bytes. */
  addedBytes: number;
  /** Added packages the app has already in another version: a second copy. */
  duplicates: string[];
}

function manifest(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Node's lookup of a dependency from a package folder, up to the app's root node_modules. */
function resolveDependency(
  from: string,
  name: string,
  root: string,
): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

/** Every installed package folder reachable from `roots` through dependencies (peers are the app's). */
function closure(roots: string[], root: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const dir = queue.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const m = manifest(dir);
    for (const name of Object.keys({
      ...m.dependencies,
      ...m.optionalDependencies,
    })) {
      const found = resolveDependency(dir, name, root);
      if (found) queue.push(found);
    }
  }
  return seen;
}

/** Bytes of a package folder, without the node_modules nested in it (those are packages of their own). */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/**
 * The dependency count and install size each of `names` adds to the app in `appDir`: the packages of its tree
 * that nothing else of the app (the app's own dependencies, without `names`) pulls in.
 */
export function measureFootprints(
  appDir: string,
  names: string[],
): Footprint[] {
  const workspaces = [
    appDir,
    join(appDir, 'packages/app'),
    join(appDir, 'packages/backend'),
  ];
  const baseRoots = workspaces.flatMap(ws => {
    const m = manifest(ws);
    return Object.keys({ ...m.dependencies, ...m.devDependencies })
      .filter(name => !names.includes(name))
      .map(name => resolveDependency(ws, name, appDir))
      .filter((dir): dir is string => Boolean(dir));
  });
  const base = closure(baseRoots, appDir);
  const baseNames = new Set([...base].map(d => manifest(d).name as string));
  const footprint = (name: string, dirs: string[], direct: number) => {
    const added = [...closure(dirs, appDir)].filter(d => !base.has(d));
    return {
      name,
      directDependencies: direct,
      addedPackages: added.length,
      addedBytes: added.reduce((sum, d) => sum + folderBytes(d), 0),
      duplicates: added
        .map(d => manifest(d).name as string)
        .filter(n => baseNames.has(n)),
    };
  };
  const dirs = names.map(name => resolveDependency(appDir, name, appDir)!);
  const each = names.map((name, i) =>
    footprint(
      name,
      [dirs[i]],
      Object.keys(manifest(dirs[i]).dependencies ?? {}).length,
    ),
  );
  // Together they share a good part of their trees (the backend plugin and the scaffolder module both use
  // the node library and the Kubernetes client).
  const direct = new Set(
    dirs.flatMap(d => Object.keys(manifest(d).dependencies ?? {})),
  );
  return [...each, footprint('all of them', dirs, direct.size)];
}
