import type { HarborPlatformSpecInput } from '../spec';
import type { KubernetesObject, RenderedFile } from '../types';

/** Distinctive 1Password item titles: if one of them ever shows up as a value, a test catches it. */
export const FAKE_ITEMS = {
  admin: 'zz-fake-admin-item-7f3a',
  core: 'zz-fake-core-item-7f3a',
  jobservice: 'zz-fake-jobservice-item-7f3a',
  registry: 'zz-fake-registry-item-7f3a',
  s3: 'zz-fake-s3-item-7f3a',
  dragonfly: 'zz-fake-dragonfly-item-7f3a',
  databaseBackupS3: 'zz-fake-db-backup-item-7f3a',
};

/** The Bitnami chart (`chart.flavor: bitnami`); {@link goharborMinimalSpec} is the default chart. */
export const minimalSpec: HarborPlatformSpecInput = {
  hostname: 'harbor.internal.example.com',
  chart: { flavor: 'bitnami' },
  s3: { endpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc' },
  ingress: { className: 'internal', clusterIssuer: 'internal-ca' },
  monitoring: {
    runbookBaseUrl:
      'https://backstage.example.com/docs/default/component/harbor',
  },
};

export const fullSpec: HarborPlatformSpecInput = {
  ...minimalSpec,
  namespace: 'registry-system',
  storageClass: 'ceph-block',
  onePassword: { clusterSecretStore: 'op-platform', items: FAKE_ITEMS },
  replicas: { core: 3, jobservice: 2, registry: 3, portal: 2, trivy: 2 },
};

/** The official chart, the default for new installs. */
export const goharborMinimalSpec: HarborPlatformSpecInput = {
  ...minimalSpec,
  chart: { flavor: 'goharbor' },
};

export const goharborFullSpec: HarborPlatformSpecInput = {
  ...fullSpec,
  chart: { flavor: 'goharbor' },
};

export function allObjects(files: RenderedFile[]): KubernetesObject[] {
  return files.flatMap(file => file.objects);
}

export function findObject<T extends KubernetesObject = KubernetesObject>(
  files: RenderedFile[],
  kind: string,
  name?: string,
): T {
  const found = allObjects(files).find(
    object =>
      object.kind === kind &&
      (name === undefined || object.metadata.name === name),
  );
  if (!found) {
    throw new Error(`no ${kind} ${name ?? ''} rendered`);
  }
  return found as T;
}
