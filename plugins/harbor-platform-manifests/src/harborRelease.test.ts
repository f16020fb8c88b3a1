import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { findObject, fullSpec, minimalSpec } from './__testUtils__/fixtures';
import { HelmRelease, jobLoggerFor } from './harborRelease';
import { renderHarborPlatform } from './render';

/** The chart's own values.yaml (bitnami/charts, chart 27.0.4; see ../schemas/SOURCE.md). */
const chartValues = parse(
  fs.readFileSync(
    path.join(__dirname, '__testUtils__/harbor-values-27.0.4.yaml'),
    'utf8',
  ),
) as Record<string, unknown>;

/** Free-form maps in the chart: any key below them is allowed. */
const MAP_KEYS = new Set([
  'annotations',
  'labels',
  'selector',
  'podLabels',
  'podAnnotations',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Returns the leaf paths of a values object; arrays and scalars are leaves. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, member]) =>
    leafPaths(member, [...prefix, key]),
  );
}

/** A path exists if every key is in the chart, or the first unknown key sits in a free-form map. */
function existsInChart(keys: string[]): boolean {
  let node: unknown = chartValues;
  for (const [index, key] of keys.entries()) {
    // `resources` is a container's ResourceRequirements (`{}` in the chart): any requests/limits below.
    if (keys[index - 1] === 'resources' && ['requests', 'limits'].includes(key))
      return index === keys.length - 2;
    if (!isObject(node)) return false;
    if (!(key in node)) {
      const parentKey = keys[index - 1];
      const isFreeFormMap =
        MAP_KEYS.has(parentKey) || Object.keys(node).length === 0;
      return isFreeFormMap && index === keys.length - 1;
    }
    node = node[key];
  }
  return true;
}

describe('Harbor HelmRelease values', () => {
  const release = findObject<HelmRelease>(
    renderHarborPlatform(fullSpec),
    'HelmRelease',
  );

  it('sets only value paths the chart has', () => {
    const missing = leafPaths(release.spec.values)
      .filter(keys => !existsInChart(keys))
      .map(keys => keys.join('.'));
    expect(missing).toEqual([]);
  });

  it('targets only value paths the chart has from valuesFrom', () => {
    const missing = release.spec.valuesFrom
      .map(ref => ref.targetPath)
      .filter(targetPath => !existsInChart(targetPath.split('.')));
    expect(missing).toEqual([]);
  });

  it('the path check catches a typo', () => {
    expect(existsInChart(['core', 'replicaCountt'])).toBe(false);
    expect(
      existsInChart([
        'persistence',
        'imageChartStorage',
        's3',
        'existingSecret',
      ]),
    ).toBe(false);
    expect(
      existsInChart([
        'ingress',
        'core',
        'annotations',
        'cert-manager.io/cluster-issuer',
      ]),
    ).toBe(true);
  });

  it('reads every valuesFrom Secret from an ExternalSecret in the release namespace', () => {
    const files = renderHarborPlatform(fullSpec);
    const externalSecrets = files
      .flatMap(f => f.objects)
      .filter(o => o.kind === 'ExternalSecret') as any[];
    for (const ref of release.spec.valuesFrom) {
      const source = externalSecrets.find(
        es => es.spec.target.name === ref.name,
      );
      expect(source?.metadata.namespace).toBe(release.metadata.namespace);
      expect(source.spec.data.map((d: any) => d.secretKey)).toContain(
        ref.valuesKey,
      );
      // A rotation in 1Password must trigger a Helm upgrade.
      expect(source.spec.target.template.metadata.labels).toEqual({
        'reconcile.fluxcd.io/watch': 'Enabled',
      });
      // Generated secrets may hold commas or brackets, which --set parsing would break.
      expect(ref.literal).toBe(true);
    }
  });

  it('wires the database to the CNPG app secret and read-write service', () => {
    const files = renderHarborPlatform(fullSpec);
    const values = release.spec.values as any;
    const cluster = findObject(files, 'Cluster');
    expect(values.externalDatabase).toMatchObject({
      host: `${cluster.metadata.name}-rw.registry-system.svc`,
      existingSecret: `${cluster.metadata.name}-app`,
      existingSecretPasswordKey: 'password',
      user: 'harbor',
      coreDatabase: 'registry',
    });
    expect(values.postgresql.enabled).toBe(false);
  });

  it('wires Redis to the Dragonfly service with the Dragonfly password', () => {
    const files = renderHarborPlatform(fullSpec);
    const dragonfly = findObject(files, 'Dragonfly') as any;
    const values = release.spec.values as any;
    expect(values.redis.enabled).toBe(false);
    expect(values.externalRedis.host).toBe(
      `${dragonfly.metadata.name}.registry-system.svc`,
    );
    const passwordRef = release.spec.valuesFrom.find(
      r => r.targetPath === 'externalRedis.password',
    );
    expect(passwordRef?.name).toBe(
      dragonfly.spec.authentication.passwordFromSecret.name,
    );
    expect(passwordRef?.valuesKey).toBe(
      dragonfly.spec.authentication.passwordFromSecret.key,
    );
    expect(values.externalRedis).not.toHaveProperty('existingSecret');
  });

  it('serves the ingress over TLS from the cert-manager cluster issuer', () => {
    const values = release.spec.values as any;
    expect(values.exposureType).toBe('ingress');
    expect(values.externalURL).toBe('https://harbor.internal.example.com');
    expect(values.ingress.core).toMatchObject({
      hostname: 'harbor.internal.example.com',
      tls: true,
      annotations: {
        'cert-manager.io/cluster-issuer': 'internal-ca',
        'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      },
    });
  });

  it('sets the replicas per component, info logging and the ServiceMonitor', () => {
    const values = release.spec.values as any;
    expect(values.logLevel).toBe('info');
    expect(values.core.replicaCount).toBe(3);
    expect(values.jobservice.replicaCount).toBe(2);
    expect(values.registry.replicaCount).toBe(3);
    expect(values.portal.replicaCount).toBe(2);
    expect(values.trivy.replicaCount).toBe(2);
    expect(values.metrics).toEqual({
      enabled: true,
      serviceMonitor: {
        enabled: true,
        labels: { release: 'kube-prometheus-stack' },
      },
    });
  });

  it('passes S3 settings and the encrypt flag through', () => {
    const values = release.spec.values as any;
    expect(values.persistence.imageChartStorage).toMatchObject({
      type: 's3',
      disableredirect: true,
      s3: {
        bucket: 'harbor-registry',
        regionendpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc',
        encrypt: true,
      },
    });
    const unencrypted = findObject<HelmRelease>(
      renderHarborPlatform({
        ...minimalSpec,
        s3: { ...minimalSpec.s3, encrypt: false },
      }),
      'HelmRelease',
    );
    expect(
      (unencrypted.spec.values as any).persistence.imageChartStorage.s3.encrypt,
    ).toBe(false);
  });

  it('uses the file job logger only for a single jobservice', () => {
    expect(jobLoggerFor(1)).toBe('file');
    expect(jobLoggerFor(2)).toBe('database');
  });
});
