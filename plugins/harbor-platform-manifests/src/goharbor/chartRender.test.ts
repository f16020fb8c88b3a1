import { parse } from 'yaml';
import { loadChart } from '../__testUtils__/chartTemplates';
import {
  findObject,
  goharborFullSpec,
  goharborMinimalSpec,
} from '../__testUtils__/fixtures';
import {
  GOHARBOR_CHART_DIR,
  renderChartManifests,
} from '../__testUtils__/goharborChart';
import { platformNames } from '../names';
import { renderHarborPlatform } from '../render';
import { HarborPlatformSpecInput, parseHarborPlatformSpec } from '../spec';
import type { GoharborHelmRelease } from './helmRelease';

const chart = loadChart(GOHARBOR_CHART_DIR);

/** What the official chart renders for our values: the wiring has to reach its templates, not just exist. */
function chartOutput(input: HarborPlatformSpecInput) {
  const release = findObject<GoharborHelmRelease>(
    renderHarborPlatform(input),
    'HelmRelease',
  );
  const manifests = renderChartManifests(chart, release.spec.values, {
    releaseName: release.spec.releaseName,
    namespace: release.metadata.namespace!,
  });
  const get = (kind: string, name: string) => {
    const found = manifests.find(
      o => o.kind === kind && o.metadata.name === name,
    );
    if (!found) throw new Error(`the chart renders no ${kind} ${name}`);
    return found;
  };
  return { manifests, get };
}

describe('the official chart rendered with our values', () => {
  const spec = parseHarborPlatformSpec(goharborFullSpec);
  const names = platformNames(spec);
  const { manifests, get } = chartOutput(goharborFullSpec);

  it('connects core to the CloudNativePG database over TLS', () => {
    expect(get('ConfigMap', 'harbor-core').data).toMatchObject({
      POSTGRESQL_HOST: names.databaseHost,
      POSTGRESQL_PORT: '5432',
      POSTGRESQL_USERNAME: names.databaseOwner,
      POSTGRESQL_DATABASE: names.databaseName,
      POSTGRESQL_SSLMODE: 'require',
      POSTGRESQL_MAX_OPEN_CONNS: String(spec.databasePool.maxOpenConns),
      EXT_ENDPOINT: `https://${spec.hostname}`,
    });
  });

  it('points every Redis URL at Dragonfly', () => {
    const core = get('ConfigMap', 'harbor-core').data;
    for (const key of ['_REDIS_URL_CORE', '_REDIS_URL_REG']) {
      expect(core[key]).toContain(`@${names.dragonflyHost}:6379/`);
    }
    const registry = parse(
      get('ConfigMap', 'harbor-registry').data['config.yml'],
    );
    expect(registry.redis.addr).toBe(`${names.dragonflyHost}:6379`);
  });

  it('stores blobs in the Ceph S3 bucket, redirects off', () => {
    const registry = parse(
      get('ConfigMap', 'harbor-registry').data['config.yml'],
    );
    expect(registry.storage.s3).toMatchObject({
      region: spec.s3.region,
      bucket: spec.s3.bucket,
      regionendpoint: spec.s3.endpoint,
      encrypt: true,
      v4auth: true,
    });
    expect(registry.storage.redirect).toEqual({ disable: true });
  });

  it('logs jobs to the database', () => {
    const config = parse(
      get('ConfigMap', 'harbor-jobservice').data['config.yml'],
    );
    expect(config.job_loggers.map((l: any) => l.name)).toEqual(['DB']);
    expect(
      manifests
        .filter(o => o.kind === 'PersistentVolumeClaim')
        .map(o => o.metadata.name),
    ).toEqual([]);
  });

  it('serves the ingress over TLS with the cert-manager Secret, without the chart’s nginx', () => {
    const ingress = get('Ingress', 'harbor-ingress');
    expect(ingress.spec.ingressClassName).toBe(spec.ingress.className);
    expect(ingress.spec.tls).toEqual([
      { secretName: names.tlsSecret, hosts: [spec.hostname] },
    ]);
    expect(ingress.metadata.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': spec.ingress.clusterIssuer,
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
    });
    expect(manifests.filter(o => o.metadata.name === 'harbor-nginx')).toEqual(
      [],
    );
  });

  it('runs the replicas asked for, Trivy and the exporter, and no database or Redis of its own', () => {
    const replicas = Object.fromEntries(
      manifests
        .filter(o => ['Deployment', 'StatefulSet'].includes(o.kind))
        .map(o => [o.metadata.name, o.spec.replicas]),
    );
    expect(replicas).toEqual({
      'harbor-core': 3,
      'harbor-jobservice': 2,
      'harbor-registry': 3,
      'harbor-portal': 2,
      'harbor-trivy': 2,
      'harbor-exporter': 1,
    });
  });
});

it('logs jobs to the database with a single jobservice replica too: no volume to stall a rollout', () => {
  const { manifests, get } = chartOutput({
    ...goharborMinimalSpec,
    replicas: { jobservice: 1 },
  });
  const config = parse(
    get('ConfigMap', 'harbor-jobservice').data['config.yml'],
  );
  expect(config.job_loggers.map((l: any) => l.name)).toEqual(['DB']);
  expect(manifests.filter(o => o.kind === 'PersistentVolumeClaim')).toEqual([]);
  const trivy = get('StatefulSet', 'harbor-trivy');
  expect(trivy.spec.volumeClaimTemplates[0].spec.storageClassName).toBe(
    'ceph-block',
  );
});
