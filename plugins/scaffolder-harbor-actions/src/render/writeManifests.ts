import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  validateManifests,
  type KubernetesObject,
  type RenderedFile,
} from '@backstage-harbor/harbor-platform-manifests';

/** One written file, for outputs and logs: its repository path and the objects in it. */
export interface WrittenFile {
  path: string;
  objects: string[];
}

function label(object: KubernetesObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * Secret material never goes to Git: the renderers emit only references (ExternalSecret, PushSecret), so a
 * Secret or ConfigMap with data would be a bug upstream of this check, and we refuse rather than commit it.
 */
function carriesSecretData(object: KubernetesObject): boolean {
  const o = object as KubernetesObject & {
    data?: object;
    stringData?: object;
  };
  return (
    o.kind === 'Secret' && (o.data !== undefined || o.stringData !== undefined)
  );
}

/** The workspace folder for `targetPath`; an InputError when it would leave the workspace. */
export function workspaceFolder(workspacePath: string, targetPath: string) {
  try {
    return resolveSafeChildPath(workspacePath, targetPath);
  } catch {
    throw new InputError(
      `targetPath: '${targetPath}' is outside the workspace; give a path relative to it`,
    );
  }
}

/**
 * Validates every object of the files against its schema, then writes the files under `folder` (each at its
 * repository path). Nothing is written when one object is invalid.
 */
export async function writeManifests(
  folder: string,
  files: RenderedFile[],
): Promise<WrittenFile[]> {
  const objects = files.flatMap(file => file.objects);
  const problems = validateManifests(objects);
  if (problems.length > 0)
    throw new InputError(
      `The rendered manifests do not pass their schemas, nothing was written: ${problems.join(
        '; ',
      )}`,
    );
  const withData = objects.filter(carriesSecretData).map(label);
  if (withData.length > 0)
    throw new InputError(
      `Refusing to write secret values (${withData.join(
        ', ',
      )}); only references to 1Password items may be rendered`,
    );
  const targets = files.map(file => ({
    file,
    target: (() => {
      try {
        return resolveSafeChildPath(folder, file.path);
      } catch {
        throw new InputError(
          `The rendered file ${file.path} would be outside the target folder`,
        );
      }
    })(),
  }));
  for (const { file, target } of targets) {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');
  }
  return files.map(file => ({
    path: file.path,
    objects: file.objects.map(label),
  }));
}
