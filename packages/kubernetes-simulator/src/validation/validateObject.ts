import { isCustomResource, ResourceType } from '../resources';
import { invalid, StatusCause } from '../status';
import type { KubernetesObject } from '../types';
import { builtInCauses } from './builtInRules';
import type { CustomResourceSchemas } from './customResourceSchemas';
import { invalidValue, required } from './fieldErrors';
import { metadataMapErrors, nameErrors } from './names';

/**
 * Validates an object about to be stored, as the API server's strategy Validate/ValidateUpdate does, and throws
 * a 422 Invalid Status naming every field at fault. Custom resources get their CRD schema's defaults.
 */
export function validateObject(
  schemas: CustomResourceSchemas,
  resource: ResourceType,
  object: KubernetesObject,
  old?: KubernetesObject,
): void {
  const causes: StatusCause[] = [];
  const name = object.metadata.name ?? '';
  if (!name) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const e of nameErrors(resource.nameRule, name)) {
      causes.push(invalidValue('metadata.name', name, e));
    }
  }
  causes.push(...metadataMapErrors(object.metadata));
  if (isCustomResource(resource)) {
    causes.push(...schemas.validate(resource, object));
  } else {
    causes.push(...builtInCauses(resource.kind, object, old));
  }
  if (causes.length > 0) throw invalid(resource, name, causes);
}
