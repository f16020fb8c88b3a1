import { isCustomResource, ResourceType } from './resources';
import { KubernetesStatus, StatusError } from './status';
import type { KubernetesObject } from './types';

/*
 * The per-kind rules of the API server's registry strategies that the Registry applies: generated names, the
 * status a new object starts with, delete preconditions and what a DELETE answers.
 */

// Characters of names.SimpleNameGenerator: no vowels, so generated names spell no words.
const GENERATED_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix +=
      GENERATED_NAME_ALPHABET[
        Math.floor(Math.random() * GENERATED_NAME_ALPHABET.length)
      ];
  }
  return `${prefix}${suffix}`;
}

/** The status a new object starts with when status is a subresource (each strategy's PrepareForCreate). */
export function initialStatus(r: ResourceType, object: KubernetesObject) {
  if (!r.statusSubresource) return;
  switch (r.kind) {
    case 'Namespace':
      object.status = { phase: 'Active' };
      object.spec = { finalizers: ['kubernetes'], ...(object.spec as {}) };
      break;
    case 'Pod':
      object.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Deployment':
    case 'StatefulSet':
      object.status = {};
      break;
    default:
      delete object.status;
  }
}

/** A DELETE's preconditions: a 409 Conflict when the object is not the one the caller means. */
export function checkPreconditions(
  r: ResourceType,
  existing: KubernetesObject,
  preconditions: { uid?: string; resourceVersion?: string } = {},
) {
  const { uid, resourceVersion } = preconditions;
  const { name } = existing.metadata;
  if (uid && uid !== existing.metadata.uid) {
    throw new StatusError(
      'Conflict',
      `Operation cannot be fulfilled on ${r.plural} "${name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata.uid}`,
    );
  }
  if (
    resourceVersion &&
    resourceVersion !== existing.metadata.resourceVersion
  ) {
    throw new StatusError(
      'Conflict',
      `Operation cannot be fulfilled on ${r.plural} "${name}": Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in meta: ${existing.metadata.resourceVersion}`,
    );
  }
}

/** Custom resources and pods answer a DELETE with the deleted object, other kinds with a Success Status. */
export function deleteAnswer(
  r: ResourceType,
  deleted: KubernetesObject,
): { object: KubernetesObject } | { status: KubernetesStatus } {
  if (isCustomResource(r) || r.kind === 'Pod') return { object: deleted };
  return {
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: deleted.metadata.name,
        ...(r.group ? { group: r.group } : {}),
        kind: r.plural,
        uid: deleted.metadata.uid,
      },
      code: 200,
    },
  };
}
