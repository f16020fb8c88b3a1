/**
 * Narrow types for the objects this renderer emits. They cover only the fields we set; the full
 * contract is the upstream CRD schema in `schemas/crds/`, which the tests validate every object against.
 * (The `@kubernetes-models/*` CRD packages lag upstream: no `valuesFrom[].literal`, no `onepasswordSDK`,
 * no Barman Cloud ObjectStore or Dragonfly, platform-manifests §8.)
 */

/** The metadata this package sets. @public */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Kubernetes object: apiVersion, kind and metadata. @public */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface SecretKeySelector {
  name: string;
  key: string;
}

export interface ResourceRequirements {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

/** A file for the Flux repository. `objects` is empty for documentation files. @public */
export interface RenderedFile {
  /** Repository-relative path, `/`-separated. */
  path: string;
  /** The objects serialised into `content` (YAML documents, in order). */
  objects: KubernetesObject[];
  /** The file text: multi-document YAML, or Markdown for notes. */
  content: string;
}
