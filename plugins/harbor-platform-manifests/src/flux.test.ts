import { findObject, minimalSpec } from './__testUtils__/fixtures';
import { FluxKustomization } from './flux';
import { renderHarborPlatform } from './render';

describe('Flux Kustomizations', () => {
  const files = renderHarborPlatform(minimalSpec);
  const kustomizations = files
    .flatMap(f => f.objects)
    .filter(o => o.kind === 'Kustomization') as FluxKustomization[];
  const byName = Object.fromEntries(
    kustomizations.map(k => [k.metadata.name, k]),
  );
  const dependsOn = (name: string) =>
    (byName[name].spec.dependsOn ?? []).map(d => d.name);

  it('reconciles namespace, secrets, then database and Dragonfly, then Harbor; monitoring and dashboards after the namespace only', () => {
    expect(dependsOn('harbor-namespace')).toEqual([]);
    expect(dependsOn('harbor-secrets')).toEqual(['harbor-namespace']);
    expect(dependsOn('harbor-database')).toEqual(['harbor-secrets']);
    expect(dependsOn('harbor-dragonfly')).toEqual(['harbor-secrets']);
    expect(dependsOn('harbor-app')).toEqual([
      'harbor-database',
      'harbor-dragonfly',
    ]);
    expect(dependsOn('harbor-monitoring')).toEqual(['harbor-namespace']);
    expect(dependsOn('harbor-dashboards')).toEqual(['harbor-namespace']);
    expect(dependsOn('harbor-robot-delivery')).toEqual(['harbor-app']);
  });

  it('points each layer at a folder that holds its rendered files', () => {
    for (const k of kustomizations) {
      const folder = k.spec.path.replace(/^\.\//, '');
      expect(files.some(f => f.path.startsWith(`${folder}/`))).toBe(true);
      expect(k.spec).toMatchObject({ prune: true, wait: true });
    }
  });

  it('puts the namespace and ExternalSecrets in the first layer, Harbor in the app layer', () => {
    const layerOf = (kind: string) =>
      files.find(f => f.objects.some(o => o.kind === kind))!.path.split('/')[2];
    expect(layerOf('Namespace')).toBe('namespace');
    expect(layerOf('ExternalSecret')).toBe('secrets');
    expect(layerOf('Cluster')).toBe('database');
    expect(layerOf('Dragonfly')).toBe('dragonfly');
    expect(layerOf('HelmRelease')).toBe('app');
    expect(layerOf('PrometheusRule')).toBe('monitoring');
    expect(layerOf('PodMonitor')).toBe('monitoring');
    expect(layerOf('ConfigMap')).toBe('dashboards');
  });

  it('waits on the CNPG Cluster and Dragonfly with CEL health checks', () => {
    expect(byName['harbor-database'].spec.healthCheckExprs?.[0]).toMatchObject({
      kind: 'Cluster',
      current: expect.stringContaining("exists(e, e.type == 'Ready'"),
    });
    expect(byName['harbor-dragonfly'].spec.healthCheckExprs?.[0]).toMatchObject(
      {
        kind: 'Dragonfly',
        current: expect.stringContaining("status.phase == 'Ready'"),
      },
    );
  });

  it('keeps the namespace when Flux prunes', () => {
    expect(findObject(files, 'Namespace').metadata.annotations).toEqual({
      'kustomize.toolkit.fluxcd.io/prune': 'disabled',
    });
  });
});
