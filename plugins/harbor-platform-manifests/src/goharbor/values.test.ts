import {
  findObject,
  goharborFullSpec,
  goharborMinimalSpec,
} from '../__testUtils__/fixtures';
import {
  existsInValues,
  leafPaths,
  loadGoharborValues,
} from '../__testUtils__/goharborChart';
import { renderHarborPlatform } from '../render';
import type { GoharborHelmRelease } from './helmRelease';

const chartValues = loadGoharborValues({ withCommentedKeys: false });
const documentedValues = loadGoharborValues({ withCommentedKeys: true });

describe.each([
  ['minimal', goharborMinimalSpec],
  ['full', goharborFullSpec],
])('goharbor HelmRelease values (%s spec)', (_name, spec) => {
  const files = renderHarborPlatform(spec);
  const release = findObject<GoharborHelmRelease>(files, 'HelmRelease');
  const paths = leafPaths(release.spec.values);

  it('sets only value paths the chart has (keys it documents only as comments listed)', () => {
    const missing = paths
      .filter(keys => !existsInValues(documentedValues, keys))
      .map(keys => keys.join('.'));
    expect(missing).toEqual([]);
    const commentedOnly = paths
      .filter(keys => !existsInValues(chartValues, keys))
      .map(keys => keys.join('.').replace(/\.resources\..*$/, '.resources'));
    // values.yaml has these only as comments (`#existingSecret: ""`, `#regionendpoint: ...`, `# resources:`).
    expect([...new Set(commentedOnly)]).toEqual([
      'persistence.imageChartStorage.s3.existingSecret',
      'persistence.imageChartStorage.s3.regionendpoint',
      'persistence.imageChartStorage.s3.encrypt',
      'persistence.imageChartStorage.s3.v4auth',
      'core.resources',
      'jobservice.resources',
      'registry.registry.resources',
      'registry.controller.resources',
      'portal.resources',
      'exporter.resources',
    ]);
  });

  it('has no valuesFrom and none of the fields older helm-controllers reject', () => {
    expect(release.spec).not.toHaveProperty('valuesFrom');
    expect(JSON.stringify(release)).not.toMatch(/RetryOnFailure|literal/);
  });
});

describe('the values path check', () => {
  it('catches a typo and a Bitnami-only key', () => {
    expect(existsInValues(chartValues, ['core', 'replicaCount'])).toBe(false);
    expect(existsInValues(chartValues, ['externalDatabase', 'host'])).toBe(
      false,
    );
    expect(existsInValues(chartValues, ['core', 'replicas'])).toBe(true);
    expect(
      existsInValues(chartValues, [
        'expose',
        'ingress',
        'annotations',
        'cert-manager.io/cluster-issuer',
      ]),
    ).toBe(true);
    expect(
      existsInValues(chartValues, [
        'persistence',
        'imageChartStorage',
        's3',
        'existingSecret',
      ]),
    ).toBe(false);
    expect(
      existsInValues(documentedValues, [
        'persistence',
        'imageChartStorage',
        's3',
        'existingSecret',
      ]),
    ).toBe(true);
  });
});
