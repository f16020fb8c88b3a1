import fs from 'fs';
import path from 'path';
import { findChartConflicts } from '../__testUtils__/chartConflicts';
import { loadChart, renderChart } from '../__testUtils__/chartTemplates';
import {
  allObjects,
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
import { parseHarborPlatformSpec } from '../spec';
import type { GoharborHelmRelease } from './helmRelease';
import { goharborSecretNames } from './secrets';
import type { ServiceMonitor } from './serviceMonitor';

const chart = loadChart(GOHARBOR_CHART_DIR);

describe.each([
  ['minimal', goharborMinimalSpec],
  ['full', goharborFullSpec],
])('the official chart with our objects (%s spec)', (_name, input) => {
  const files = renderHarborPlatform(input);
  const spec = parseHarborPlatformSpec(input);
  const names = platformNames(spec);
  const release = findObject<GoharborHelmRelease>(files, 'HelmRelease');
  const conflictInput = {
    chart,
    values: release.spec.values,
    releaseName: release.spec.releaseName,
    namespace: names.namespace,
    ourObjects: allObjects(files),
    operatorObjects: [
      {
        kind: 'Secret' as const,
        namespace: names.namespace,
        name: names.databaseAppSecret,
        keys: ['username', 'password', 'host', 'port', 'dbname', 'uri'],
        by: 'CloudNativePG',
      },
      {
        kind: 'Secret' as const,
        namespace: names.namespace,
        name: names.tlsSecret,
        keys: ['tls.crt', 'tls.key', 'ca.crt'],
        by: 'cert-manager',
      },
    ],
  };

  it('shares no kind+namespace+name with the chart, and writes every key the chart reads from us', () => {
    const wholeSecretReads = (secret: string) =>
      new RegExp(`reads all of Secret ${secret.replace(/\./g, '\\.')}:`);
    // Whole-Secret reads in a slot the chart fills only for the hook; checked below with the chart's own keys.
    const checkedBelow = [
      wholeSecretReads(goharborSecretNames(names).s3),
      wholeSecretReads(names.tlsSecret),
    ];
    expect(
      findChartConflicts(conflictInput).filter(
        problem => !checkedBelow.some(pattern => pattern.test(problem)),
      ),
    ).toEqual([]);
  });

  it('gives registry and registryctl the S3 keys the chart would have written itself', () => {
    const { existingSecret: _hook, ...s3 } = (release.spec.values as any)
      .persistence.imageChartStorage.s3;
    const registrySecretKeys = (s3Values: object) =>
      renderChart(
        chart,
        {
          ...release.spec.values,
          persistence: {
            ...(release.spec.values as any).persistence,
            imageChartStorage: {
              ...(release.spec.values as any).persistence.imageChartStorage,
              s3: s3Values,
            },
          },
        },
        conflictInput,
      ).objects.find(o => o.kind === 'Secret' && o.name === 'harbor-registry')!
        .dataKeys;
    const withoutHook = registrySecretKeys({
      ...s3,
      accesskey: 'placeholder',
      secretkey: 'placeholder',
    });
    const s3Keys = withoutHook.filter(
      key => !registrySecretKeys(s3).includes(key),
    );
    expect(s3Keys).toEqual([
      'REGISTRY_STORAGE_S3_ACCESSKEY',
      'REGISTRY_STORAGE_S3_SECRETKEY',
    ]);
    const ours = findObject<any>(
      files,
      'ExternalSecret',
      goharborSecretNames(names).s3,
    );
    // envFrom: exactly these keys, nothing else becomes an environment variable.
    expect(ours.spec.data.map((d: any) => d.secretKey).sort()).toEqual(s3Keys);
  });

  it('lets the chart write none of the credentials itself', () => {
    const rendered = renderChart(chart, release.spec.values, conflictInput);
    const keysOf = (name: string) =>
      rendered.objects.find(o => o.kind === 'Secret' && o.name === name)
        ?.dataKeys;
    // Each of these would be a generated or default value if its hook were unset.
    expect(keysOf('harbor-core')).toEqual([]);
    expect(keysOf('harbor-jobservice')).toEqual([]);
    expect(keysOf('harbor-registry')).toEqual([]);
    expect(keysOf('harbor-exporter')).toEqual([]);
    expect(
      rendered.objects.find(o => o.name === 'harbor-registry-htpasswd'),
    ).toBeUndefined();
  });
});

describe('monitoring the official chart', () => {
  const files = renderHarborPlatform(goharborMinimalSpec);
  const release = findObject<GoharborHelmRelease>(files, 'HelmRelease');
  const monitor = findObject<ServiceMonitor>(files, 'ServiceMonitor');
  const manifests = renderChartManifests(chart, release.spec.values, {
    releaseName: release.spec.releaseName,
    namespace: release.metadata.namespace!,
  });

  it('scrapes core, registry, jobservice and the exporter on their metrics port', () => {
    const selected = manifests.filter(
      o =>
        o.kind === 'Service' &&
        Object.entries(monitor.spec.selector.matchLabels).every(
          ([k, v]) => o.metadata.labels?.[k] === v,
        ) &&
        o.spec.ports.some(
          (p: { name: string }) => p.name === monitor.spec.endpoints[0].port,
        ),
    );
    expect(selected.map(s => s.metadata.name).sort()).toEqual([
      'harbor-core',
      'harbor-exporter',
      'harbor-jobservice',
      'harbor-registry',
    ]);
  });

  it('carries the Prometheus selector label, which the chart cannot', () => {
    expect(monitor.metadata.labels).toMatchObject({
      release: 'kube-prometheus-stack',
    });
    // The chart's template writes `release: harbor` and then additionalLabels: a duplicate key.
    expect(() =>
      renderChartManifests(
        chart,
        {
          ...release.spec.values,
          metrics: {
            enabled: true,
            serviceMonitor: {
              enabled: true,
              additionalLabels: { release: 'kube-prometheus-stack' },
            },
          },
        },
        { releaseName: 'harbor', namespace: 'harbor' },
      ),
    ).toThrow(/unique/);
    expect(manifests.filter(o => o.kind === 'ServiceMonitor')).toEqual([]);
  });
});

describe('Secrets the chart reads with Helm lookup', () => {
  // `lookup` runs at install/upgrade time, outside any workload, so the read-tracking above cannot see it.
  const helpers = fs.readFileSync(
    path.join(GOHARBOR_CHART_DIR, 'templates/_helpers.tpl'),
    'utf8',
  );
  const lookupKeys = (valuesPath: string) => {
    const lookups = [
      ...helpers.matchAll(
        /\{\{-? define "([^"]+)" -?\}\}([\s\S]*?)\{\{-? end -?\}\}\n\n/g,
      ),
    ].filter(([, , body]) =>
      new RegExp(
        `lookup\\s+"v1"\\s+"Secret"\\s+\\.Release\\.Namespace\\s+\\(${valuesPath.replace(
          /\./g,
          '\\.',
        )}\\)`,
      ).test(body),
    );
    return lookups.flatMap(([, , body]) =>
      [...body.matchAll(/hasKey \$existingSecret\.data "([A-Z_]+)"/g)].map(
        m => m[1],
      ),
    );
  };

  it('finds the Redis password in the Dragonfly Secret, under the key the chart looks up', () => {
    const files = renderHarborPlatform(goharborMinimalSpec);
    const names = platformNames(parseHarborPlatformSpec(goharborMinimalSpec));
    const release = findObject<GoharborHelmRelease>(files, 'HelmRelease');
    const keys = lookupKeys('.Values.redis.external.existingSecret');
    expect(keys.sort()).toEqual(['REDIS_PASSWORD', 'REDIS_USERNAME']);
    const secret = (release.spec.values as any).redis.external.existingSecret;
    const dragonflySecret = findObject<any>(files, 'ExternalSecret', secret);
    const ours = dragonflySecret.spec.data.map((d: any) => d.secretKey);
    // Dragonfly has no users: no REDIS_USERNAME, so the chart's URLs carry only the password.
    expect(ours).toContain('REDIS_PASSWORD');
    // The same 1Password field as the operator's `password` key, so Dragonfly and Harbor agree.
    const field = (key: string) =>
      dragonflySecret.spec.data.find((d: any) => d.secretKey === key).remoteRef;
    expect(field('REDIS_PASSWORD')).toEqual(field('password'));
    const dragonfly = findObject<any>(files, 'Dragonfly');
    expect(dragonfly.spec.authentication.passwordFromSecret).toEqual({
      name: secret,
      key: 'password',
    });
    expect(names.secrets.dragonfly).toBe(secret);
  });
});
