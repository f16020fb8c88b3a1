import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The CRD JSON schemas shipped with this package (datreeio/CRDs-catalog, see schemas/SOURCE.md), laid out
 * `<api group>/<kind lower-case>_<version>.json`.
 *
 * @public
 */
export const CRD_SCHEMA_DIR = resolvePackagePath(
  '@backstage-harbor/harbor-platform-manifests',
  'schemas/crds',
);

/**
 * The schema file of a custom resource, relative to {@link CRD_SCHEMA_DIR}.
 *
 * @public
 */
export function crdSchemaFile(resource: {
  group: string;
  version: string;
  kind: string;
}): string {
  return `${resource.group}/${resource.kind.toLowerCase()}_${
    resource.version
  }.json`;
}

/**
 * CRD schemas carry Go regular expressions: prometheus-operator writes `^(?i)(abort|warn)?$`, which JavaScript
 * rejects ("Invalid group"). A leading `(?i)` becomes the `i` flag.
 */
const goRegExp = Object.assign(
  (pattern: string, flags?: string) =>
    pattern.startsWith('^(?i)')
      ? new RegExp(`^${pattern.slice(5)}`, `${flags ?? ''}i`)
      : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);

/**
 * Ajv for Kubernetes OpenAPI v3 schemas: Go regular expressions, the OpenAPI number formats, and `strict: false`
 * because the `x-kubernetes-*` keywords are annotations for the API server, not JSON Schema. CEL rules
 * (`x-kubernetes-validations`) are not enforced: only an API server does that.
 *
 * @public
 */
export function createKubernetesAjv(
  options: { useDefaults?: boolean } = {},
): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    useDefaults: options.useDefaults ?? false,
    code: { regExp: goRegExp },
  });
  addFormats(ajv);
  // OpenAPI number formats: the type keyword already checks the value.
  for (const format of ['int32', 'int64', 'double', 'float']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

/**
 * Validators of the shipped CRD schemas, each compiled on first use: compiling takes up to a second (Cluster,
 * the secret stores). A compiled validator keeps no state between calls, so one instance can be shared.
 *
 * @public
 */
export class CrdSchemaValidators {
  #ajv: Ajv | undefined;
  readonly #compiled = new Map<string, ValidateFunction>();

  /** `useDefaults` fills in schema defaults on the validated object, as apiextensions-apiserver does. */
  constructor(private readonly options: { useDefaults?: boolean } = {}) {}

  /** The validator of a schema file relative to {@link CRD_SCHEMA_DIR} (see {@link crdSchemaFile}). */
  validator(schemaFile: string): ValidateFunction {
    let validate = this.#compiled.get(schemaFile);
    if (!validate) {
      const schema = JSON.parse(
        fs.readFileSync(path.join(CRD_SCHEMA_DIR, schemaFile), 'utf8'),
      );
      this.#ajv ??= createKubernetesAjv(this.options);
      validate = this.#ajv.compile(schema);
      this.#compiled.set(schemaFile, validate);
    }
    return validate;
  }
}
