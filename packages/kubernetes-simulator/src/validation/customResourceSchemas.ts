import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import type { ResourceType } from '../resources';
import type { StatusCause } from '../status';
import { causesFromAjv, createAjv } from './ajv';

/** The CRD schemas copied into this package (see schemas/SOURCE.md). */
export const SCHEMA_DIR = resolvePackagePath(
  '@backstage-harbor/kubernetes-simulator',
  'schemas',
);

/**
 * Validates custom resources against their CRD's openAPIV3Schema and applies its defaults, as
 * apiextensions-apiserver does. CEL rules (x-kubernetes-validations) are not evaluated.
 */
export class CustomResourceSchemas {
  /**
   * Compiling a schema takes up to a second (Cluster, the secret stores), so each is compiled on first use and
   * shared by every simulator in the process; a compiled validator keeps no state between calls.
   */
  private static readonly ajv = createAjv({ useDefaults: true });
  private static readonly compiled = new Map<string, ValidateFunction>();

  private validator(schemaFile: string): ValidateFunction {
    const { ajv, compiled } = CustomResourceSchemas;
    let validate = compiled.get(schemaFile);
    if (!validate) {
      const schema = JSON.parse(
        fs.readFileSync(path.join(SCHEMA_DIR, schemaFile), 'utf8'),
      );
      validate = ajv.compile(schema);
      compiled.set(schemaFile, validate);
    }
    return validate;
  }

  /** Field errors of `object`; fills in schema defaults as a side effect. */
  validate(resource: ResourceType, object: unknown): StatusCause[] {
    if (!resource.schemaFile) return [];
    const validate = this.validator(resource.schemaFile);
    if (validate(object)) return [];
    return causesFromAjv(object, validate.errors);
  }
}
