/**
 * A container image reference, split as the distribution reference grammar does
 * (github.com/distribution/reference): `[host[:port]/]path[:tag][@digest]`.
 * @public
 */
export interface ImageReference {
  /** Lower-case registry host, `docker.io` when the reference names none. */
  registry: string;
  /** The path after the host; `library/` is added for Docker Hub's official images. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOCKER_HUB = 'docker.io';

/**
 * A registry host as image references compare them: lower-case, Docker Hub's other names (`index.docker.io`,
 * `registry-1.docker.io`) as `docker.io`.
 */
export function canonicalRegistryHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower === 'index.docker.io' || lower === 'registry-1.docker.io'
    ? DOCKER_HUB
    : lower;
}

/** Whether the first path segment is a registry host, by the reference grammar's rule. */
function isHost(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

/**
 * Parses an image reference; undefined for one that is not valid (the kubelet would not pull it either).
 * @public
 */
export function parseImageReference(image: string): ImageReference | undefined {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const segments = rest.split('/');
  let registry = DOCKER_HUB;
  if (segments.length > 1 && isHost(segments[0])) {
    registry = canonicalRegistryHost(segments.shift()!);
  }
  if (
    segments.length === 0 ||
    segments.some(s => !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(s))
  ) {
    return undefined;
  }
  if (registry === DOCKER_HUB && segments.length === 1) {
    segments.unshift('library');
  }
  // Without tag or digest the kubelet pulls `latest`.
  if (!tag && !digest) tag = 'latest';
  return { registry, repository: segments.join('/'), tag, digest };
}

/**
 * The manifest digest a container status reports in `imageID` (`docker-pullable://repo@sha256:…`,
 * `repo@sha256:…`). A bare `sha256:…` is the image's config id on some runtimes, not a manifest digest, so it
 * is not used.
 * @public
 */
export function digestOfImageId(
  imageId: string | undefined,
): string | undefined {
  if (!imageId) return undefined;
  const at = imageId.lastIndexOf('@');
  if (at < 0) return undefined;
  const digest = imageId.slice(at + 1);
  return DIGEST.test(digest) ? digest : undefined;
}
