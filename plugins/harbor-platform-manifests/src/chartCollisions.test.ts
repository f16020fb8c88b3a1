import path from 'path';
import { findObject, fullSpec, minimalSpec } from './__testUtils__/fixtures';
import {
  findChartConflicts,
  ProvidedObject,
} from './__testUtils__/chartConflicts';
import { loadChart, renderChart } from './__testUtils__/chartTemplates';
import { effectiveHelmValues } from './__testUtils__/helmValues';
import { platformNames } from './names';
import { renderHarborPlatform } from './render';
import { parseHarborPlatformSpec, HarborPlatformSpecInput } from './spec';
import { renderTeamRobotDelivery } from './teamDelivery';
import type { KubernetesObject } from './types';

const bitnami = loadChart(
  path.join(__dirname, '__testUtils__/charts/bitnami-harbor-27.0.4'),
);

/** Secrets that operators write: CNPG's app Secret and cert-manager's certificate. */
function operatorSecrets(input: HarborPlatformSpecInput): ProvidedObject[] {
  const spec = parseHarborPlatformSpec(input);
  const names = platformNames(spec);
  return [
    {
      kind: 'Secret',
      namespace: names.namespace,
      name: names.databaseAppSecret,
      keys: [
        'username',
        'password',
        'host',
        'port',
        'dbname',
        'uri',
        'jdbc-uri',
        'pgpass',
      ],
      by: 'CloudNativePG',
    },
    {
      kind: 'Secret',
      namespace: names.namespace,
      name: names.tlsSecret,
      keys: ['tls.crt', 'tls.key', 'ca.crt'],
      by: 'cert-manager',
    },
  ];
}

function conflicts(
  input: HarborPlatformSpecInput,
  ourObjects: KubernetesObject[],
) {
  const spec = parseHarborPlatformSpec(input);
  const release = ourObjects.find(o => o.kind === 'HelmRelease')!;
  return findChartConflicts({
    chart: bitnami,
    values: effectiveHelmValues(release, ourObjects),
    releaseName: (release as any).spec.releaseName,
    namespace: spec.namespace,
    ourObjects,
    operatorObjects: operatorSecrets(input),
    // Without registry.existingSecret the chart writes the S3 keys into its registry Secret from these values.
    valuesWithoutHooks: {
      persistence: {
        imageChartStorage: { s3: { accesskey: 'set', secretkey: 'set' } },
      },
    },
  });
}

const objectsOf = (input: HarborPlatformSpecInput) =>
  renderHarborPlatform(input).flatMap(f => f.objects);

describe('the Bitnami chart and our objects (chart 27.0.4 templates read as data)', () => {
  it.each([
    ['minimal', minimalSpec],
    ['full', fullSpec],
  ])(
    'the %s platform shares no object with the chart and has every key it reads',
    (_, input) => {
      expect(conflicts(input, objectsOf(input))).toEqual([]);
    },
  );

  it('renders the chart for our values: its workloads, their Secret reads, no unresolved names', () => {
    const objects = objectsOf(fullSpec);
    const release = objects.find(o => o.kind === 'HelmRelease')!;
    const render = renderChart(bitnami, effectiveHelmValues(release, objects), {
      releaseName: 'harbor',
      namespace: 'registry-system',
    });
    const names = platformNames(parseHarborPlatformSpec(fullSpec));
    const workloads = render.objects.map(o => `${o.kind}/${o.name}`);
    for (const name of Object.values(names.workloads)) {
      expect(workloads.some(w => w.endsWith(`/${name}`))).toBe(true);
    }
    expect(
      render.reads.filter(r => r.kind === 'Secret').length,
    ).toBeGreaterThan(10);
    const text = JSON.stringify(render);
    expect(text).not.toContain('UNKNOWN');
    // The chart's own Secrets for these values: only the *-envvars ones it fills from values.
    expect(
      render.objects
        .filter(o => o.kind === 'Secret')
        .map(o => o.name)
        .sort(),
    ).toEqual([
      'harbor-core-envvars',
      'harbor-exporter-envvars',
      'harbor-jobservice-envvars',
      'harbor-trivy-envvars',
    ]);
  });

  it('the chart renders none of the Secrets it reads from us', () => {
    const objects = objectsOf(fullSpec);
    const names = platformNames(parseHarborPlatformSpec(fullSpec));
    // Names the chart writes itself without the hooks: <release>-core (token key pair), -registry, -jobservice.
    for (const taken of [
      'harbor-core',
      'harbor-registry',
      'harbor-jobservice',
      'harbor-core-envvars',
    ]) {
      expect(Object.values(names.secrets)).not.toContain(taken);
    }
    const values = findObject(
      renderHarborPlatform(fullSpec),
      'HelmRelease',
    ) as any;
    expect(values.spec.values.core).toMatchObject({
      existingSecret: names.secrets.core,
      secretName: names.secrets.tokenService,
    });
    expect(values.spec.values.registry.existingSecret).toBe(
      names.secrets.registry,
    );
    expect(values.spec.values.jobservice.existingSecret).toBe(
      names.secrets.jobservice,
    );
    expect(objects.length).toBeGreaterThan(0);
  });

  it('catches an ExternalSecret named like a chart Secret (the old harbor-core)', () => {
    const objects = structuredClone(objectsOf(fullSpec)) as any[];
    const core = objects.find(
      o =>
        o.kind === 'ExternalSecret' && o.metadata.name === 'harbor-core-keys',
    );
    core.metadata.name = 'harbor-core-envvars';
    core.spec.target.name = 'harbor-core-envvars';
    expect(conflicts(fullSpec, objects)).toEqual(
      expect.arrayContaining([
        'ExternalSecret harbor-core-envvars writes Secret harbor-core-envvars, which the chart also renders (core/core-secret-envvars.yaml)',
      ]),
    );
  });

  it('catches a key the chart reads that our Secret lacks', () => {
    const objects = structuredClone(objectsOf(fullSpec)) as any[];
    const registry = objects.find(
      o =>
        o.kind === 'ExternalSecret' &&
        o.metadata.name === 'harbor-registry-keys',
    );
    registry.spec.data = registry.spec.data.filter(
      (d: any) => d.secretKey !== 'REGISTRY_STORAGE_S3_ACCESSKEY',
    );
    const tokens = objects.find(
      o =>
        o.kind === 'ExternalSecret' &&
        o.metadata.name === 'harbor-token-service',
    );
    tokens.spec.data = tokens.spec.data.filter(
      (d: any) => d.secretKey !== 'tls.key',
    );
    const problems = conflicts(fullSpec, objects);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment/harbor-registry (registry) envFrom 0 reads key REGISTRY_STORAGE_S3_ACCESSKEY of Secret harbor-registry-keys, which ExternalSecret harbor-registry-keys does not write',
        'Deployment/harbor-core volume token-service-private-key reads key tls.key of Secret harbor-token-service, which ExternalSecret harbor-token-service does not write',
      ]),
    );
  });

  it('catches a Secret the chart reads that nothing writes', () => {
    const objects = objectsOf(fullSpec).filter(
      o => o.metadata.name !== 'harbor-jobservice-keys',
    );
    expect(conflicts(fullSpec, objects)).toEqual(
      expect.arrayContaining([
        'Deployment/harbor-core (core) keyRef JOBSERVICE_SECRET reads Secret harbor-jobservice-keys, which nothing writes',
      ]),
    );
  });

  it('the team delivery output, in the Harbor namespace too, shares nothing with the chart', () => {
    const names = platformNames(parseHarborPlatformSpec(fullSpec));
    const team = renderTeamRobotDelivery({
      project: 'core',
      robot: 'registry',
      sourceNamespace: names.namespace,
      teamNamespaces: [names.namespace, 'team-a'],
    }).flatMap(f => f.objects);
    expect(team.length).toBeGreaterThan(0);
    expect(conflicts(fullSpec, [...objectsOf(fullSpec), ...team])).toEqual([]);
  });
});
