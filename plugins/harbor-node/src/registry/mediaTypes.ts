/** Manifest media types a tag can point at (OCI image spec, Docker image manifest v2 schema 2). @public */
export const OCI_IMAGE_INDEX = 'application/vnd.oci.image.index.v1+json';
/** @public */
export const OCI_IMAGE_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** @public */
export const DOCKER_MANIFEST_LIST =
  'application/vnd.docker.distribution.manifest.list.v2+json';
/** @public */
export const DOCKER_MANIFEST_V2 =
  'application/vnd.docker.distribution.manifest.v2+json';

/**
 * The `Accept` of a manifest request. Without it the registry answers with (and digests) the legacy schema 1
 * form of a Docker manifest, whose digest differs from the one Harbor stores after a replication.
 * @public
 */
export const MANIFEST_ACCEPT = [
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
].join(', ');
