import {
  ImageReference,
  canonicalRegistryHost,
  parseImageReference,
} from '../registry/imageReference';
import type { SourceRegistryConfig } from './sourceRegistry';

/** A host as the comparison reads it: canonical, and a default port left out (`old:443/x` pulls from `old`). */
function hostKey(host: string): string {
  return canonicalRegistryHost(host).replace(/:(?:443|80)$/, '');
}

/**
 * The registry hosts by which image references name the old registry: the host of its `url` (how Backstage
 * reaches it) and of its `harborUrl` (how Harbor, and often the cluster's nodes, reach it), and `extraHosts`
 * (`harbor.cluster.legacyRegistryHosts`, a demo cluster's).
 * @public
 */
export function oldRegistryHosts(
  source: Pick<SourceRegistryConfig, 'url' | 'harborUrl'> | undefined,
  extraHosts: Iterable<string> = [],
): string[] {
  const urls = source ? [source.url, source.harborUrl] : [];
  return [
    ...new Set([
      ...urls.map(url => hostKey(new URL(url).host)),
      ...[...extraHosts].map(hostKey),
    ]),
  ];
}

/**
 * Whether an image reference pulls from the old registry: its registry host is one of `hosts` (`host[:port]`,
 * as {@link oldRegistryHosts} gives them), compared case-insensitively, without default ports, Docker Hub by any
 * of its names. A reference without a host is Docker Hub's, whatever its path looks like; an invalid one is on
 * no registry.
 * @public
 */
export function isOnOldRegistry(
  image: string | ImageReference,
  hosts: Iterable<string>,
): boolean {
  const ref = typeof image === 'string' ? parseImageReference(image) : image;
  if (!ref) return false;
  const host = hostKey(ref.registry);
  return [...hosts].some(h => hostKey(h) === host);
}
