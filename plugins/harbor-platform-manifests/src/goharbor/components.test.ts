import { loadChart } from '../__testUtils__/chartTemplates';
import { findObject, goharborMinimalSpec } from '../__testUtils__/fixtures';
import {
  GOHARBOR_CHART_DIR,
  renderChartManifests,
} from '../__testUtils__/goharborChart';
import { renderHarborPlatform } from '../render';
import { componentResources, ResourceComponent } from '../resources';
import { HarborPlatformSpecInput, parseHarborPlatformSpec } from '../spec';
import type { GoharborHelmRelease } from './helmRelease';

const chart = loadChart(GOHARBOR_CHART_DIR);

/** The workloads the chart renders for our values, as `<workload>/<container>` → container. */
function containers(input: HarborPlatformSpecInput) {
  const release = findObject<GoharborHelmRelease>(
    renderHarborPlatform(input),
    'HelmRelease',
  );
  const manifests = renderChartManifests(chart, release.spec.values, {
    releaseName: 'harbor',
    namespace: 'harbor',
  });
  return new Map(
    manifests
      .filter(o => ['Deployment', 'StatefulSet'].includes(o.kind))
      .flatMap(o =>
        [
          ...(o.spec.template.spec.initContainers ?? []),
          ...o.spec.template.spec.containers,
        ].map((c: any) => [`${o.metadata.name}/${c.name}`, c]),
      ),
  );
}

/** Which profile component sizes which container of the official chart. */
const CONTAINERS: Record<string, ResourceComponent> = {
  'harbor-core/core': 'core',
  'harbor-jobservice/jobservice': 'jobservice',
  'harbor-registry/registry': 'registry',
  'harbor-registry/registryctl': 'registryController',
  'harbor-portal/portal': 'portal',
  'harbor-trivy/trivy': 'trivy',
  'harbor-exporter/exporter': 'exporter',
};

describe.each(['small', 'production'] as const)(
  'resources of the official chart (%s profile)',
  profile => {
    const input = { ...goharborMinimalSpec, resources: { profile } };
    const rendered = containers(input);

    it('sizes every container the chart runs, with the profile', () => {
      expect([...rendered.keys()].sort()).toEqual(
        Object.keys(CONTAINERS).sort(),
      );
      const spec = parseHarborPlatformSpec(input);
      for (const [container, component] of Object.entries(CONTAINERS)) {
        expect({
          container,
          resources: rendered.get(container).resources,
        }).toEqual({
          container,
          resources: componentResources(spec, component),
        });
      }
    });
  },
);

describe('Trivy on the official chart', () => {
  const env = (input: HarborPlatformSpecInput) =>
    Object.fromEntries(
      containers(input)
        .get('harbor-trivy/trivy')
        .env.filter((e: any) => 'value' in e)
        .map((e: any) => [e.name, e.value]),
    );

  it('keeps the chart’s DB mirrors by default and downloads updates', () => {
    expect(env(goharborMinimalSpec)).toMatchObject({
      SCANNER_TRIVY_SKIP_UPDATE: 'false',
      SCANNER_TRIVY_OFFLINE_SCAN: 'false',
      SCANNER_TRIVY_DB_REPOSITORY:
        'mirror.gcr.io/aquasec/trivy-db,ghcr.io/aquasecurity/trivy-db',
    });
  });

  it('reads an internal mirror, skip-update and offline scan', () => {
    expect(
      env({
        ...goharborMinimalSpec,
        trivy: {
          dbRepositories: ['registry.internal/aquasec/trivy-db'],
          javaDbRepositories: ['registry.internal/aquasec/trivy-java-db'],
          skipUpdate: true,
          offlineScan: true,
        },
      }),
    ).toMatchObject({
      SCANNER_TRIVY_SKIP_UPDATE: 'true',
      SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: 'true',
      SCANNER_TRIVY_OFFLINE_SCAN: 'true',
      SCANNER_TRIVY_DB_REPOSITORY: 'registry.internal/aquasec/trivy-db',
      SCANNER_TRIVY_JAVA_DB_REPOSITORY:
        'registry.internal/aquasec/trivy-java-db',
    });
  });
});
