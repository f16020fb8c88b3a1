import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(f => fs.statSync(path.join(dir, f)).isFile())
    .map(f => f.split(path.sep).join('/'))
    .sort();
}

/** The objects of every YAML file under `dir`. */
export function yamlObjectsUnder(dir: string): any[] {
  return listFiles(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d =>
        d.toJS(),
      ),
    );
}

/** Runs an action handler in a fresh temporary workspace; collects outputs, log lines and the error. */
export async function runInWorkspace(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
  options: { dryRun?: boolean } = {},
) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'render-ws-'));
  const outputs: Record<string, any> = {};
  const lines: string[] = [];
  const logger: any = { child: () => logger };
  for (const level of ['info', 'warn', 'error', 'debug'])
    logger[level] = (message: string) => lines.push(message);
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    workspacePath: workspace,
    isDryRun: options.dryRun,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  let error: Error | undefined;
  try {
    await action.handler(ctx as any);
  } catch (e) {
    error = e as Error;
  }
  return {
    workspace,
    outputs,
    lines,
    error,
    cleanup: () => fs.rmSync(workspace, { recursive: true, force: true }),
  };
}
