import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesObject } from '@backstage-harbor/kubernetes-simulator';
import type { HarborClients } from '@backstage-harbor/plugin-harbor-node';

/** The old docker-registry the demo's unmigrated workloads still pull from. */
export const EMBEDDED_LEGACY_REGISTRY_HOST = 'registry.old.internal:5000';

const STARTED_AT = '2025-06-02T08:00:00Z';

/** An artifact of the demo Harbor, by tag. */
interface HarborImage {
  project: string;
  repository: string;
  tag: string;
}

interface DemoContainer {
  name: string;
  image: HarborImage;
  /** Pulled from the old registry (same content, replicated to Harbor) rather than from Harbor. */
  legacy?: boolean;
  /** Referenced by digest, as GitOps pins a release, rather than by tag. */
  byDigest?: boolean;
}

interface DemoPod {
  /** The `backstage.io/kubernetes-id` of the component in examples/entities.yaml. */
  component: string;
  namespace: string;
  name: string;
  containers: DemoContainer[];
}

const image = (
  project: string,
  repository: string,
  tag: string,
): HarborImage => ({ project, repository, tag });

/**
 * The pods of the example components, in the namespaces their `backstage.io/kubernetes-namespace` names: images of
 * the demo Harbor's seeded artifacts, and the orders team's nightly report still on the old registry.
 */
export const DEMO_PODS: readonly DemoPod[] = [
  ...['7c9f6d5b8-4kq2x', '7c9f6d5b8-p7m9z'].map(suffix => ({
    component: 'storefront-web',
    namespace: 'team-a',
    name: `storefront-web-${suffix}`,
    containers: [{ name: 'web', image: image('team-a', 'web', 'v1.4.1') }],
  })),
  {
    component: 'orders-api',
    namespace: 'team-a',
    name: 'orders-api-5d8b7f9c6-x2l4v',
    containers: [
      { name: 'api', image: image('team-a', 'api', '2.1.0') },
      { name: 'proxy', image: image('library', 'nginx', '1.25.3') },
    ],
  },
  {
    component: 'orders-api',
    namespace: 'team-a',
    name: 'orders-nightly-report-29150400-h8d2n',
    containers: [
      {
        name: 'report',
        image: image('team-a', 'batch/nightly-report', '2023.12'),
        legacy: true,
      },
    ],
  },
  {
    component: 'payments',
    namespace: 'team-b',
    name: 'payments-6f7c8d9b4-q5w8e',
    containers: [
      {
        name: 'payments',
        image: image('team-b', 'payments', '1.1.0'),
        byDigest: true,
      },
    ],
  },
  {
    component: 'registry-gateway',
    namespace: 'platform',
    name: 'registry-gateway-8b9c7d6f5-t3r6y',
    containers: [
      { name: 'gateway', image: image('platform', 'team/app', '2.3.1') },
    ],
  },
  {
    component: 'registry-gateway',
    namespace: 'platform',
    name: 'registry-gateway-worker-6d5c4b3a2-z9n1k',
    containers: [
      { name: 'worker', image: image('platform', 'team/worker', '0.9.0') },
    ],
  },
];

const keyOf = (i: HarborImage) => `${i.project}/${i.repository}:${i.tag}`;

/**
 * The digests of the demo pods' images in Harbor (`GET .../artifacts/{tag}`), so that the pods report the digests a
 * kubelet would and the workloads card finds the exact artifact. An image Harbor does not have is left without a
 * digest, with a warning: the card then says so.
 */
export async function resolveDemoDigests(
  clients: HarborClients,
  logger: LoggerService,
): Promise<Map<string, string>> {
  const client = clients.forInstance();
  const images = new Map<string, HarborImage>();
  for (const pod of DEMO_PODS) {
    for (const c of pod.containers) images.set(keyOf(c.image), c.image);
  }
  const digests = new Map<string, string>();
  await Promise.all(
    [...images.entries()].map(async ([key, i]) => {
      try {
        const artifact = await client.artifacts.get(
          i.project,
          i.repository,
          i.tag,
        );
        if (artifact.digest) digests.set(key, artifact.digest);
      } catch (error) {
        logger.warn(
          `Demo pods: no digest for ${key} in Harbor instance '${
            clients.instances.default.name
          }': ${(error as Error).message}`,
        );
      }
    }),
  );
  return digests;
}

function podObject(
  pod: DemoPod,
  harborHost: string,
  digests: Map<string, string>,
): KubernetesObject {
  const containers = pod.containers.map(c => {
    const registry = c.legacy ? EMBEDDED_LEGACY_REGISTRY_HOST : harborHost;
    const repository = `${registry}/${c.image.project}/${c.image.repository}`;
    const digest = digests.get(keyOf(c.image));
    const reference =
      c.byDigest && digest
        ? `${repository}@${digest}`
        : `${repository}:${c.image.tag}`;
    return {
      name: c.name,
      image: reference,
      // What a kubelet reports: the repository pulled from, with the digest of what runs.
      imageID: digest ? `${repository}@${digest}` : '',
    };
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      labels: {
        'app.kubernetes.io/name': pod.component,
        'backstage.io/kubernetes-id': pod.component,
      },
      creationTimestamp: STARTED_AT,
    },
    spec: {
      containers: containers.map(c => ({ name: c.name, image: c.image })),
      restartPolicy: 'Always',
      nodeName: 'node-1',
    },
    status: {
      phase: 'Running',
      startTime: STARTED_AT,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: c.imageID,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: STARTED_AT } },
      })),
    },
  };
}

/** The demo pods as Kubernetes objects, their Harbor images on `harborHost` (the default instance's host). */
export function demoWorkloadObjects(
  harborHost: string,
  digests: Map<string, string>,
): KubernetesObject[] {
  return DEMO_PODS.map(pod => podObject(pod, harborHost, digests));
}
