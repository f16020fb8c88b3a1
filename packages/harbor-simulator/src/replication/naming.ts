import { badRequest } from '../errors';

/**
 * Harbor's destination name of a replicated repository (src: controller/replication/flow/stage.go,
 * `replaceNamespace`): with a destination namespace, `dest_namespace_replace_count` says how many leading path
 * components of the source name it replaces; -1 (legacy) keeps only the last component. The last component is
 * always kept. A local Harbor destination needs at least two components (project/repository).
 *
 * `a/b/c/image` into `n`: -1 → `n/image`, 0 → `n/a/b/c/image`, 1 → `n/b/c/image`, 3 → `n/image`, 4 → error.
 */
export function destinationRepository(
  source: string,
  namespace: string | undefined,
  replaceCount: number | undefined,
): string {
  const components = source.split('/');
  let destination = source;
  if (namespace) {
    const count = replaceCount ?? -1;
    const kept = components.length - 1;
    if (count > kept) {
      throw badRequest(
        `the source repository "${source}" contains only ${kept} path components [${components
          .slice(0, -1)
          .join(
            ' ',
          )}] excepting the last one, but the destination namespace flattening level is ${count}`,
      );
    }
    const middle = count < 0 ? [] : components.slice(count, -1);
    destination = [namespace, ...middle, components[kept]].join('/');
  }
  const length = destination.split('/').length;
  if (length < 2) {
    throw badRequest(
      `the destination repository "${destination}" contains only ${length} path components [${destination}], but the destination registry requires at least 2`,
    );
  }
  return destination;
}
