/**
 * One assertion per correction of the design document (platform-manifests.md §0 and §1 pitfalls).
 */
import { stringify } from 'yaml';
import {
  allObjects,
  findObject,
  fullSpec,
  minimalSpec,
} from './__testUtils__/fixtures';
import { CnpgCluster, ScheduledBackup } from './database';
import { Dragonfly } from './dragonfly';
import { HelmRelease } from './harborRelease';
import { renderHarborPlatform } from './render';
import { ExternalSecret } from './secrets';

describe('corrections to the design document', () => {
  const files = renderHarborPlatform(fullSpec);
  const objects = allObjects(files);
  const release = findObject<HelmRelease>(files, 'HelmRelease');
  const values = release.spec.values as any;

  it('creates one database, registry, owned by harbor (no clair or notary databases)', () => {
    const clusters = objects.filter(o => o.kind === 'Cluster') as CnpgCluster[];
    expect(clusters).toHaveLength(1);
    expect(clusters[0].spec.bootstrap).toEqual({
      initdb: { database: 'registry', owner: 'harbor' },
    });
    expect(objects.filter(o => o.kind === 'Database')).toEqual([]);
    expect(JSON.stringify(objects)).not.toMatch(/clair|notary/i);
  });

  it('never passes --cache_mode to Dragonfly and keeps snapshots on', () => {
    const dragonfly = findObject<Dragonfly>(files, 'Dragonfly');
    expect(dragonfly.spec.args.some(arg => /cache_mode/.test(arg))).toBe(false);
    expect(dragonfly.spec.snapshot.cron).toBeTruthy();
    expect(dragonfly.spec.replicas).toBe(1);
    expect(dragonfly.spec.resources.limits?.memory).toBe('512Mi');
  });

  it('backs up through the Barman Cloud plugin, not the in-tree barmanObjectStore', () => {
    const cluster = findObject<CnpgCluster>(files, 'Cluster');
    const store = findObject(files, 'ObjectStore');
    expect(store.apiVersion).toBe('barmancloud.cnpg.io/v1');
    expect(cluster.spec.plugins).toEqual([
      {
        name: 'barman-cloud.cloudnative-pg.io',
        isWALArchiver: true,
        parameters: { barmanObjectName: store.metadata.name },
      },
    ]);
    expect(cluster.spec).not.toHaveProperty('backup');
    expect(JSON.stringify(objects)).not.toContain('barmanObjectStore');
    const backup = findObject<ScheduledBackup>(files, 'ScheduledBackup');
    expect(backup.spec.method).toBe('plugin');
    expect(backup.spec.cluster.name).toBe(cluster.metadata.name);
  });

  it('emits its own PodMonitor instead of the deprecated enablePodMonitor', () => {
    expect(JSON.stringify(objects)).not.toContain('enablePodMonitor');
    const podMonitor = findObject(files, 'PodMonitor') as any;
    expect(podMonitor.spec.selector.matchLabels).toEqual({
      'cnpg.io/cluster': 'harbor-db',
    });
  });

  it('uses ESO v1 for ExternalSecret and v1alpha1 only for PushSecret', () => {
    const esoObjects = objects.filter(o =>
      o.apiVersion.startsWith('external-secrets.io/'),
    );
    expect(esoObjects.length).toBeGreaterThan(0);
    for (const object of esoObjects) {
      expect(object.apiVersion).toBe(
        object.kind === 'PushSecret'
          ? 'external-secrets.io/v1alpha1'
          : 'external-secrets.io/v1',
      );
    }
  });

  it('pulls the chart through an OCIRepository and chartRef, with no HelmRepository', () => {
    const source = findObject(files, 'OCIRepository') as any;
    expect(source.spec.url).toBe(
      'oci://registry-1.docker.io/bitnamicharts/harbor',
    );
    expect(source.spec.ref).toEqual({ tag: '27.0.4' });
    expect(release.spec.chartRef).toEqual({
      kind: 'OCIRepository',
      name: source.metadata.name,
    });
    expect(release.spec).not.toHaveProperty('chart');
    expect(objects.some(o => o.kind === 'HelmRepository')).toBe(false);
  });

  it('pulls every image from bitnamilegacy and allows the relocated images', () => {
    const images: { registry: string; repository: string }[] = [];
    const collect = (node: unknown) => {
      if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.image && typeof record.image === 'object')
          images.push(record.image as any);
        Object.values(record).forEach(collect);
      }
    };
    collect(values);
    // portal, core, jobservice, registry, registryctl, trivy, exporter, nginx, os-shell
    expect(images).toHaveLength(9);
    for (const image of images) {
      expect(image.repository).toMatch(/^bitnamilegacy\//);
    }
    expect(values.global.security.allowInsecureImages).toBe(true);
  });

  it('takes the 16-character core secretKey from a 1Password reference and documents the length', () => {
    expect(values.core).not.toHaveProperty('secretKey');
    expect(values.core.existingSecret).toBe('harbor-core-keys');
    const core = findObject<ExternalSecret>(
      files,
      'ExternalSecret',
      'harbor-core-keys',
    );
    expect(
      core.spec.data.find(d => d.secretKey === 'secretKey')?.remoteRef,
    ).toEqual({
      key: 'zz-fake-core-item-7f3a/secretKey',
    });
    const readme = files.find(f =>
      f.path.endsWith('platform/harbor/README.md'),
    )!.content;
    expect(readme).toMatch(/secretKey.*exactly 16 characters/);
  });

  it('keeps the ingress class configurable', () => {
    expect(values.ingress.core.ingressClassName).toBe('internal');
    const other = findObject<HelmRelease>(
      renderHarborPlatform({
        ...minimalSpec,
        ingress: { className: 'traefik', clusterIssuer: 'ca' },
      }),
      'HelmRelease',
    );
    expect((other.spec.values as any).ingress.core.ingressClassName).toBe(
      'traefik',
    );
    // Nothing NGINX-only beyond proxy-body-size.
    expect(
      Object.keys(values.ingress.core.annotations).filter(key =>
        key.startsWith('nginx.'),
      ),
    ).toEqual(['nginx.ingress.kubernetes.io/proxy-body-size']);
  });

  it('logs jobs to the database when jobservice has more than one replica', () => {
    expect(values.jobservice).toMatchObject({
      replicaCount: 2,
      jobLogger: 'database',
    });
    const single = findObject<HelmRelease>(
      renderHarborPlatform({ ...minimalSpec, replicas: { jobservice: 1 } }),
      'HelmRelease',
    );
    expect((single.spec.values as any).jobservice.jobLogger).toBe('file');
  });

  it('sizes max_connections for the Harbor pools instead of the chart default of 900', () => {
    const cluster = findObject<CnpgCluster>(files, 'Cluster');
    const maxConnections = Number(
      cluster.spec.postgresql.parameters.max_connections,
    );
    const pods = values.core.replicaCount + values.jobservice.replicaCount + 1; // + exporter
    expect(values.database.maxOpenConns).toBeLessThan(900);
    expect(maxConnections).toBeGreaterThan(pods * values.database.maxOpenConns);
  });

  it('passes the S3 keys in the registry Secret the chart reads (the chart has no s3.existingSecret)', () => {
    expect(values.persistence.imageChartStorage.s3).not.toHaveProperty(
      'existingSecret',
    );
    expect(values.persistence.imageChartStorage.s3).not.toHaveProperty(
      'accesskey',
    );
    const registry = findObject<ExternalSecret>(
      files,
      'ExternalSecret',
      values.registry.existingSecret,
    );
    expect(registry.spec.data.map(d => d.secretKey)).toEqual(
      expect.arrayContaining([
        'REGISTRY_STORAGE_S3_ACCESSKEY',
        'REGISTRY_STORAGE_S3_SECRETKEY',
      ]),
    );
  });

  it('documents the SSE caveat of encrypt: true', () => {
    const readme = files.find(f =>
      f.path.endsWith('platform/harbor/README.md'),
    )!.content;
    expect(values.persistence.imageChartStorage.s3.encrypt).toBe(true);
    expect(readme).toMatch(/SSE-S3/);
    expect(readme).toMatch(/400 InvalidArgument/);
    expect(stringify(values)).toContain('encrypt: true');
  });
});
