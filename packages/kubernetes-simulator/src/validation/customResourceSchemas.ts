import { CrdSchemaValidators } from '@backstage-harbor/harbor-platform-manifests';
import type { ResourceType } from '../resources';
import type { StatusCause } from '../status';
import { causesFromAjv } from './ajv';

/**
 * Validates custom resources against their CRD's openAPIV3Schema and applies its defaults, as
 * apiextensions-apiserver does. CEL rules (x-kubernetes-validations) are not evaluated.
 */
export class CustomResourceSchemas {
  /** Shared by every simulator in the process: compiling a schema takes up to a second. */
  private static readonly validators = new CrdSchemaValidators({
    useDefaults: true,
  });

  /** Field errors of `object`; fills in schema defaults as a side effect. */
  validate(resource: ResourceType, object: unknown): StatusCause[] {
    if (!resource.schemaFile) return [];
    const validate = CustomResourceSchemas.validators.validator(
      resource.schemaFile,
    );
    if (validate(object)) return [];
    return causesFromAjv(object, validate.errors);
  }
}
