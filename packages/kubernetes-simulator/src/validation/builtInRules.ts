import { isDeepStrictEqual } from 'node:util';
import { matchesRequirements, requirementsOf } from '../selectors';
import type { StatusCause } from '../status';
import type { KubernetesObject } from '../types';
import {
  forbiddenField,
  invalidValue,
  keyPath,
  required,
  tooLong,
} from './fieldErrors';
import { configKeyErrors, dns1123LabelErrors } from './names';

/**
 * The semantic checks of the built-in kinds from k8s.io/kubernetes/pkg/apis/<group>/validation, limited to
 * what tests of Backstage and of generated manifests run into.
 */

const MAX_SECRET_BYTES = 1024 * 1024;

/** Keys each well-known Secret type must have (core/v1 types.go, ValidateSecret). */
function secretTypeCauses(secret: KubernetesObject): StatusCause[] {
  const data: Record<string, string> = (secret.data as any) ?? {};
  const type = (secret.type as string | undefined) || 'Opaque';
  const causes: StatusCause[] = [];
  const requireKey = (key: string) => {
    if (!(key in data)) causes.push(required(keyPath('data', key)));
  };
  const requireJson = (key: string) => {
    requireKey(key);
    if (key in data) {
      try {
        JSON.parse(Buffer.from(data[key], 'base64').toString('utf8'));
      } catch {
        // JSON.parse's message quotes the input, which is secret.
        causes.push(
          invalidValue(
            keyPath('data', key),
            '<secret contents redacted>',
            'is not valid JSON',
          ),
        );
      }
    }
  };
  switch (type) {
    case 'kubernetes.io/service-account-token':
      if (
        !secret.metadata?.annotations?.['kubernetes.io/service-account.name']
      ) {
        causes.push(
          required('metadata.annotations[kubernetes.io/service-account.name]'),
        );
      }
      break;
    case 'kubernetes.io/dockercfg':
      requireJson('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      requireJson('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) {
        causes.push(required(keyPath('data', 'username')));
        causes.push(required(keyPath('data', 'password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      requireKey('ssh-privatekey');
      break;
    case 'kubernetes.io/tls':
      requireKey('tls.key');
      requireKey('tls.crt');
      break;
    default:
  }
  return causes;
}

function dataKeyCauses(base: string, map: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of Object.keys((map as object) ?? {})) {
    for (const e of configKeyErrors(key)) {
      causes.push(invalidValue(base, key, e));
    }
  }
  return causes;
}

/** ValidateSecret and ValidateSecretUpdate. `secret.data` already has stringData folded in. */
function secretCauses(
  secret: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes = [...dataKeyCauses('data', secret.data)];
  const size = Object.values((secret.data as Record<string, string>) ?? {})
    .map(v => Buffer.from(v, 'base64').length)
    .reduce((a, b) => a + b, 0);
  if (size > MAX_SECRET_BYTES) causes.push(tooLong('data', MAX_SECRET_BYTES));
  causes.push(...secretTypeCauses(secret));
  if (old) {
    const oldType = old.type || 'Opaque';
    const newType = secret.type || 'Opaque';
    if (oldType !== newType) {
      causes.push(invalidValue('type', newType, 'field is immutable'));
    }
    causes.push(...immutableDataCauses(secret, old, ['data']));
  }
  return causes;
}

/** Secrets and ConfigMaps marked `immutable: true` keep their data and the flag (KEP-1412). */
function immutableDataCauses(
  object: KubernetesObject,
  old: KubernetesObject,
  fields: string[],
): StatusCause[] {
  if (old.immutable !== true) return [];
  const causes: StatusCause[] = [];
  for (const field of fields) {
    if (!isDeepStrictEqual(object[field] ?? {}, old[field] ?? {})) {
      causes.push(
        forbiddenField(field, 'field is immutable when `immutable` is set'),
      );
    }
  }
  if (object.immutable !== true) {
    causes.push(
      forbiddenField('immutable', 'field is immutable when `immutable` is set'),
    );
  }
  return causes;
}

function configMapCauses(
  configMap: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes = [
    ...dataKeyCauses('data', configMap.data),
    ...dataKeyCauses('binaryData', configMap.binaryData),
  ];
  for (const key of Object.keys((configMap.binaryData as object) ?? {})) {
    if (key in ((configMap.data as object) ?? {})) {
      causes.push(
        invalidValue('data', key, 'duplicate of key present in binaryData'),
      );
    }
  }
  if (old)
    causes.push(...immutableDataCauses(configMap, old, ['data', 'binaryData']));
  return causes;
}

function containerCauses(base: string, containers: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  const list = (containers as any[]) ?? [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const path = `${base}[${i}]`;
    if (!c?.name) {
      causes.push(required(`${path}.name`));
    } else {
      for (const e of dns1123LabelErrors(c.name)) {
        causes.push(invalidValue(`${path}.name`, c.name, e));
      }
      if (names.has(c.name)) {
        causes.push({
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: ${JSON.stringify(c.name)}`,
          field: `${path}.name`,
        });
      }
      names.add(c.name);
    }
    if (!c?.image || !String(c.image).trim()) {
      causes.push(required(`${path}.image`));
    }
  });
  return causes;
}

function podSpecCauses(base: string, spec: any): StatusCause[] {
  if (!spec?.containers || spec.containers.length === 0) {
    return [required(`${base}.containers`)];
  }
  return [
    ...containerCauses(`${base}.containers`, spec.containers),
    ...containerCauses(`${base}.initContainers`, spec.initContainers),
  ];
}

/** Pod updates may change little but container images (ValidatePodUpdate). */
function withoutImages(spec: any): unknown {
  const strip = (cs: any[] | undefined) =>
    cs?.map(c => ({ ...c, image: undefined }));
  return {
    ...spec,
    containers: strip(spec?.containers),
    initContainers: strip(spec?.initContainers),
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
    terminationGracePeriodSeconds: undefined,
  };
}

function podCauses(
  pod: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes = podSpecCauses('spec', pod.spec);
  if (
    old &&
    !isDeepStrictEqual(withoutImages(pod.spec), withoutImages(old.spec))
  ) {
    causes.push(
      forbiddenField(
        'spec',
        'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      ),
    );
  }
  return causes;
}

/** ValidateDeploymentSpec / ValidateStatefulSetSpec: selector, template labels, replicas. */
function workloadCauses(
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const spec: any = object.spec ?? {};
  const causes: StatusCause[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    causes.push(
      invalidValue(
        'spec.replicas',
        spec.replicas,
        'must be greater than or equal to 0',
      ),
    );
  }
  const selector = spec.selector;
  const hasSelector =
    selector &&
    (Object.keys(selector.matchLabels ?? {}).length > 0 ||
      (selector.matchExpressions ?? []).length > 0);
  if (!hasSelector) {
    causes.push(required('spec.selector'));
  } else {
    const labels = spec.template?.metadata?.labels;
    if (!matchesRequirements(requirementsOf(selector), labels)) {
      causes.push(
        invalidValue(
          'spec.template.metadata.labels',
          labels ?? {},
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  causes.push(...podSpecCauses('spec.template.spec', spec.template?.spec));
  if (old && !isDeepStrictEqual(selector, (old.spec as any)?.selector)) {
    causes.push(invalidValue('spec.selector', selector, 'field is immutable'));
  }
  if (old && object.kind === 'StatefulSet') {
    const mutable = [
      'replicas',
      'ordinals',
      'template',
      'updateStrategy',
      'revisionHistoryLimit',
      'persistentVolumeClaimRetentionPolicy',
      'minReadySeconds',
    ];
    const fixed = (s: any) =>
      Object.fromEntries(
        Object.entries(s ?? {}).filter(([k]) => !mutable.includes(k)),
      );
    if (!isDeepStrictEqual(fixed(spec), fixed(old.spec))) {
      causes.push(
        forbiddenField(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  return causes;
}

/** Field errors of a built-in object, `old` being the stored object on an update. */
export function builtInCauses(
  kind: string,
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  switch (kind) {
    case 'Secret':
      return secretCauses(object, old);
    case 'ConfigMap':
      return configMapCauses(object, old);
    case 'Pod':
      return podCauses(object, old);
    case 'Deployment':
    case 'StatefulSet':
      return workloadCauses(object, old);
    default:
      return [];
  }
}
