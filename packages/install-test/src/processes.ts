import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';

/**
 * The environment for commands run in the clean app: the toolchain's PATH and registry, without what Yarn and
 * Jest set for this workspace (its project folder, NODE_ENV=test, npm_* variables), which would leak the
 * workspace into the app.
 */
export function cleanEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    // npm_config_nodedir stays: node-gyp builds better-sqlite3 against the toolchain's headers, offline.
    if (/^(npm_(?!config_nodedir$)|BERRY_|YARN_IGNORE|JEST_)/i.test(key)) {
      continue;
    }
    if (['PROJECT_CWD', 'INIT_CWD', 'NODE_ENV', 'NODE_OPTIONS'].includes(key))
      continue;
    env[key] = value;
  }
  // The app resolves everything but our scope from the registry the toolchain uses (npm's, asked outside a
  // workspace, where npm refuses to answer).
  if (!env.YARN_NPM_REGISTRY_SERVER) {
    env.YARN_NPM_REGISTRY_SERVER = execFileSync(
      'npm',
      ['config', 'get', 'registry'],
      { cwd: tmpdir(), encoding: 'utf8' },
    )
      .trim()
      .replace(/\/$/, '');
  }
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** Runs a command to completion; fails with the end of its output. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${
              options.cwd
            }) exited with ${code}:\n${output.slice(-6000)}`,
          ),
        );
    });
  });
}
