import { createHash } from 'node:crypto';
import type { KubernetesObject } from './types';

/**
 * The default state: the namespaces `harbor`, `team-a` and `team-b`, workloads labelled with
 * `backstage.io/kubernetes-id` as the Backstage Kubernetes plugin looks them up, and running pods whose
 * `status.containerStatuses[].imageID` carry image digests, some from Harbor and some not.
 */

/** The registry host of the seeded Harbor images. @public */
export const SEED_REGISTRY = 'harbor.example.com';

const STARTED_AT = '2025-01-15T09:00:00Z';

/** A stable, fake digest for an image reference. */
export function seedDigest(image: string): string {
  return `sha256:${createHash('sha256').update(image).digest('hex')}`;
}

function repositoryOf(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(0, at);
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(0, colon) : image;
}

/** The imageID a kubelet reports for a running image: repository@digest. */
export function seedImageId(image: string): string {
  const at = image.indexOf('@');
  return at >= 0 ? image : `${repositoryOf(image)}@${seedDigest(image)}`;
}

interface PodSeed {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  images: Record<string, string>;
}

function pod({ namespace, name, labels, images }: PodSeed): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels, creationTimestamp: STARTED_AT },
    spec: {
      containers: Object.entries(images).map(([container, image]) => ({
        name: container,
        image,
      })),
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      nodeName: 'node-1',
    },
    status: {
      phase: 'Running',
      podIP: '10.244.0.10',
      hostIP: '192.0.2.10',
      startTime: STARTED_AT,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: Object.entries(images).map(([container, image]) => ({
        name: container,
        image,
        imageID: seedImageId(image),
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: STARTED_AT } },
      })),
    },
  };
}

function deployment(
  namespace: string,
  name: string,
  kubernetesId: string,
  image: string,
  replicas: number,
): KubernetesObject {
  const labels = {
    'app.kubernetes.io/name': name,
    'backstage.io/kubernetes-id': kubernetesId,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, creationTimestamp: STARTED_AT },
    spec: {
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image }] },
      },
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      updatedReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        },
      ],
    },
  };
}

const namespace = (name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name,
    labels: { 'kubernetes.io/metadata.name': name },
    creationTimestamp: STARTED_AT,
  },
});

/** The images the seeded pods run, by pod name. @public */
export const SEED_IMAGES = {
  web: `${SEED_REGISTRY}/team-a/web:v1.4.1`,
  api: `${SEED_REGISTRY}/team-a/api:2.1.0`,
  nginxSidecar: 'docker.io/library/nginx:1.25.3',
  payments: `${SEED_REGISTRY}/team-b/payments@${seedDigest(
    'team-b/payments:1.1.0',
  )}`,
  harborCore: 'docker.io/goharbor/harbor-core:v2.13.2',
} as const;

/** The objects of the default seed, in creation order. @public */
export function defaultSeed(): KubernetesObject[] {
  const webLabels = {
    'app.kubernetes.io/name': 'web',
    'backstage.io/kubernetes-id': 'web',
    'pod-template-hash': '7d9c8b6f5d',
  };
  return [
    namespace('default'),
    namespace('kube-system'),
    namespace('harbor'),
    namespace('team-a'),
    namespace('team-b'),
    deployment('team-a', 'web', 'web', SEED_IMAGES.web, 2),
    pod({
      namespace: 'team-a',
      name: 'web-7d9c8b6f5d-2xkqp',
      labels: webLabels,
      images: { web: SEED_IMAGES.web },
    }),
    pod({
      namespace: 'team-a',
      name: 'web-7d9c8b6f5d-8wzrt',
      labels: webLabels,
      images: { web: SEED_IMAGES.web },
    }),
    pod({
      namespace: 'team-a',
      name: 'api-5f6b7c8d9-qx4tn',
      labels: {
        'app.kubernetes.io/name': 'api',
        'backstage.io/kubernetes-id': 'api',
      },
      images: { api: SEED_IMAGES.api, proxy: SEED_IMAGES.nginxSidecar },
    }),
    pod({
      namespace: 'team-b',
      name: 'payments-6c7d8e9f0-m2v5b',
      labels: {
        'app.kubernetes.io/name': 'payments',
        'backstage.io/kubernetes-id': 'payments',
      },
      images: { payments: SEED_IMAGES.payments },
    }),
    pod({
      namespace: 'harbor',
      name: 'harbor-core-7f8d9c6b5-vbn4k',
      labels: {
        app: 'harbor',
        component: 'core',
        'backstage.io/kubernetes-id': 'harbor',
      },
      images: { core: SEED_IMAGES.harborCore },
    }),
  ];
}
