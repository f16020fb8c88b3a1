/**
 * The JSON types of the built-in kinds, enough to reject what the API server's Go decoder would refuse
 * (a string where an int32 is expected, data that is not base64). Fields not listed here are accepted, as the
 * API server drops unknown fields by default (fieldValidation=Warn).
 */

type Schema = Record<string, unknown>;

const string: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const boolean: Schema = { type: 'boolean' };
const nullableString: Schema = { type: ['string', 'null'] };
const stringMap: Schema = {
  type: ['object', 'null'],
  additionalProperties: string,
};
const arrayOf = (items: Schema): Schema => ({ type: ['array', 'null'], items });
const object = (properties: Record<string, Schema>): Schema => ({
  type: ['object', 'null'],
  properties,
});

const objectMeta = object({
  name: string,
  generateName: string,
  namespace: string,
  uid: string,
  resourceVersion: string,
  generation: integer,
  creationTimestamp: nullableString,
  deletionTimestamp: nullableString,
  labels: stringMap,
  annotations: stringMap,
  finalizers: arrayOf(string),
  ownerReferences: arrayOf(
    object({
      apiVersion: string,
      kind: string,
      name: string,
      uid: string,
      controller: boolean,
      blockOwnerDeletion: boolean,
    }),
  ),
});

const labelSelector = object({
  matchLabels: stringMap,
  matchExpressions: arrayOf(
    object({ key: string, operator: string, values: arrayOf(string) }),
  ),
});

const container = object({
  name: string,
  image: string,
  imagePullPolicy: string,
  command: arrayOf(string),
  args: arrayOf(string),
  workingDir: string,
  env: arrayOf(object({ name: string, value: string, valueFrom: object({}) })),
  ports: arrayOf(
    object({
      name: string,
      containerPort: integer,
      hostPort: integer,
      protocol: string,
    }),
  ),
  resources: object({ limits: object({}), requests: object({}) }),
});

const podSpec = object({
  containers: arrayOf(container),
  initContainers: arrayOf(container),
  nodeName: string,
  serviceAccountName: string,
  restartPolicy: string,
  imagePullSecrets: arrayOf(object({ name: string })),
  nodeSelector: stringMap,
  terminationGracePeriodSeconds: integer,
  activeDeadlineSeconds: integer,
});

const containerStatus = object({
  name: string,
  image: string,
  imageID: string,
  containerID: string,
  ready: boolean,
  started: boolean,
  restartCount: integer,
  state: object({}),
  lastState: object({}),
});

const condition = object({
  type: string,
  status: string,
  reason: string,
  message: string,
  lastTransitionTime: nullableString,
  lastUpdateTime: nullableString,
  lastProbeTime: nullableString,
});

const workloadStatus = object({
  observedGeneration: integer,
  replicas: integer,
  readyReplicas: integer,
  availableReplicas: integer,
  updatedReplicas: integer,
  unavailableReplicas: integer,
  currentReplicas: integer,
  conditions: arrayOf(condition),
});

const workloadSpec = {
  replicas: integer,
  selector: labelSelector,
  template: object({ metadata: objectMeta, spec: podSpec }),
  minReadySeconds: integer,
  revisionHistoryLimit: integer,
};

const withMeta = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  properties: {
    apiVersion: string,
    kind: string,
    metadata: objectMeta,
    ...properties,
  },
});

export const BUILT_IN_SCHEMAS: Record<string, Schema> = {
  Namespace: withMeta({
    spec: object({ finalizers: arrayOf(string) }),
    status: object({ phase: string }),
  }),
  Secret: withMeta({
    data: {
      type: ['object', 'null'],
      additionalProperties: { type: 'string', format: 'byte' },
    },
    stringData: stringMap,
    type: string,
    immutable: boolean,
  }),
  ConfigMap: withMeta({
    data: stringMap,
    binaryData: {
      type: ['object', 'null'],
      additionalProperties: { type: 'string', format: 'byte' },
    },
    immutable: boolean,
  }),
  ServiceAccount: withMeta({
    secrets: arrayOf(object({ name: string, namespace: string })),
    imagePullSecrets: arrayOf(object({ name: string })),
    automountServiceAccountToken: boolean,
  }),
  Pod: withMeta({
    spec: podSpec,
    status: object({
      phase: string,
      podIP: string,
      hostIP: string,
      startTime: nullableString,
      conditions: arrayOf(condition),
      containerStatuses: arrayOf(containerStatus),
      initContainerStatuses: arrayOf(containerStatus),
    }),
  }),
  Deployment: withMeta({
    spec: object({
      ...workloadSpec,
      strategy: object({ type: string }),
      paused: boolean,
      progressDeadlineSeconds: integer,
    }),
    status: workloadStatus,
  }),
  StatefulSet: withMeta({
    spec: object({
      ...workloadSpec,
      serviceName: string,
      podManagementPolicy: string,
      updateStrategy: object({ type: string }),
      volumeClaimTemplates: arrayOf(object({})),
    }),
    status: workloadStatus,
  }),
};
