import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { findObject, fullSpec, minimalSpec } from './__testUtils__/fixtures';
import {
  effectiveHelmValues,
  externalSecretData,
  fakeSecretValue,
} from './__testUtils__/helmValues';
import { HelmRelease, jobLoggerFor } from './harborRelease';
import { renderHarborPlatform } from './render';

/** The chart's own values.yaml (bitnami/charts, chart 27.0.4; see its SOURCE.md). */
const chartValues = parse(
  fs.readFileSync(
    path.join(
      __dirname,
      '__testUtils__/charts/bitnami-harbor-27.0.4/values.yaml',
    ),
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

  it('sets only value paths the chart has in the values file from valuesFrom', () => {
    const objects = renderHarborPlatform(fullSpec).flatMap(f => f.objects);
    const [ref] = release.spec.valuesFrom;
    const source = objects.find(
      o => o.kind === 'ExternalSecret' && o.metadata.name === ref.name,
    );
    const file = parse(externalSecretData(source)[ref.valuesKey]);
    expect(leafPaths(file).length).toBeGreaterThan(0);
    const missing = leafPaths(file)
      .filter(keys => !existsInChart(keys))
      .map(keys => keys.join('.'));
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

  it('reads every valuesFrom Secret whole from an ExternalSecret template in the release namespace', () => {
    const files = renderHarborPlatform(fullSpec);
    const externalSecrets = files
      .flatMap(f => f.objects)
      .filter(o => o.kind === 'ExternalSecret') as any[];
    for (const ref of release.spec.valuesFrom) {
      // No targetPath/literal: they need helm-controller v1.6 (Flux 2.9).
      expect(Object.keys(ref).sort()).toEqual(['kind', 'name', 'valuesKey']);
      const source = externalSecrets.find(
        es => es.spec.target.name === ref.name,
      );
      expect(source?.metadata.namespace).toBe(release.metadata.namespace);
      expect(Object.keys(source.spec.target.template.data)).toEqual([
        ref.valuesKey,
      ]);
      // A rotation in 1Password must trigger a Helm upgrade.
      expect(source.spec.target.template.metadata.labels).toEqual({
        'reconcile.fluxcd.io/watch': 'Enabled',
      });
    }
  });

  it('delivers secrets with commas, quotes and brackets verbatim through the values file', () => {
    const objects = renderHarborPlatform(fullSpec).flatMap(f => f.objects);
    const values = effectiveHelmValues(release, objects) as any;
    expect(values.externalRedis.password).toBe(
      fakeSecretValue('redisPassword'),
    );
    expect(values.registry.credentials.password).toBe(
      fakeSecretValue('registryPassword'),
    );
    expect(values.core.csrfKey).toBe(fakeSecretValue('csrfKey'));
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
    const rendered = renderHarborPlatform(fullSpec);
    const files = rendered.flatMap(f => f.objects);
    const dragonfly = findObject(rendered, 'Dragonfly') as any;
    const values = release.spec.values as any;
    expect(values.redis.enabled).toBe(false);
    expect(values.externalRedis.host).toBe(
      `${dragonfly.metadata.name}.registry-system.svc`,
    );
    // Harbor's Redis password (values file) and Dragonfly's are the same 1Password field.
    const externalSecrets = files.filter(
      o => o.kind === 'ExternalSecret',
    ) as any[];
    const refOf = (secretName: string, key: string) =>
      externalSecrets
        .find(es => es.spec.target.name === secretName)
        .spec.data.find((d: any) => d.secretKey === key).remoteRef;
    expect(refOf(release.spec.valuesFrom[0].name, 'redisPassword')).toEqual(
      refOf(
        dragonfly.spec.authentication.passwordFromSecret.name,
        dragonfly.spec.authentication.passwordFromSecret.key,
      ),
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
