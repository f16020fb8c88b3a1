import { Document } from 'yaml';
import type { KubernetesObject, RenderedFile } from './types';

/** Drops `undefined` members recursively, so objects validate and serialise the same way. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(item => compact(item)) as unknown as T;
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) {
        result[key] = compact(member);
      }
    }
    return result as T;
  }
  return value;
}

/** Multi-document YAML built by the `yaml` library from objects (never from string templates). */
export function toYaml(objects: KubernetesObject[]): string {
  return objects
    .map(object =>
      new Document(object, { aliasDuplicateObjects: false }).toString({
        lineWidth: 0,
      }),
    )
    .join('---\n');
}

export function yamlFile(
  path: string,
  objects: KubernetesObject[],
): RenderedFile {
  const compacted = objects.map(object => compact(object));
  return { path, objects: compacted, content: toYaml(compacted) };
}

export function markdownFile(path: string, content: string): RenderedFile {
  return { path, objects: [], content };
}

/** JSON embedded in a manifest (the Grafana dashboard), pretty-printed for reviewable diffs. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
