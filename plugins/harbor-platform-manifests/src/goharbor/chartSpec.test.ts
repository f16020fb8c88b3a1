import { minimalSpec } from '../__testUtils__/fixtures';
import { renderHarborPlatform } from '../render';
import { parseHarborPlatformSpec } from '../spec';

const { chart: _bitnami, ...defaultSpec } = minimalSpec;

function chartSource(chart: object | undefined) {
  const files = renderHarborPlatform({ ...defaultSpec, chart } as any);
  return files
    .flatMap(f => f.objects)
    .find(o => o.kind === 'OCIRepository') as any;
}

describe('the chart option', () => {
  it('defaults new installs to the official chart on a patch range', () => {
    expect(parseHarborPlatformSpec(defaultSpec).chart).toEqual({
      flavor: 'goharbor',
      version: '>=1.19.1 <1.20.0',
      url: 'oci://registry-1.docker.io/goharbor/harbor-helm',
    });
    // Flux picks the highest 1.19.x it finds: Harbor 2.15.x patches roll in, 1.20 (Harbor 2.16) does not.
    expect(chartSource(undefined).spec).toMatchObject({
      url: 'oci://registry-1.docker.io/goharbor/harbor-helm',
      ref: { semver: '>=1.19.1 <1.20.0' },
    });
    expect(chartSource(undefined).spec.ref).not.toHaveProperty('tag');
  });

  it('pins one release with an exact version (holding a patch back)', () => {
    expect(chartSource({ version: '1.19.1' }).spec.ref).toEqual({
      tag: '1.19.1',
    });
    expect(chartSource({ version: '~1.19.2' }).spec.ref).toEqual({
      semver: '~1.19.2',
    });
  });

  it('keeps the Bitnami chart at its last release for existing installs', () => {
    expect(parseHarborPlatformSpec(minimalSpec).chart).toEqual({
      flavor: 'bitnami',
      version: '27.0.4',
      url: 'oci://registry-1.docker.io/bitnamicharts/harbor',
    });
    expect(chartSource({ flavor: 'bitnami' }).spec.ref).toEqual({
      tag: '27.0.4',
    });
  });

  it('renders a different HelmRelease per chart', () => {
    const values = (chart: object) =>
      (
        renderHarborPlatform({ ...defaultSpec, chart } as any)
          .flatMap(f => f.objects)
          .find(o => o.kind === 'HelmRelease') as any
      ).spec.values;
    expect(values({ flavor: 'goharbor' })).toHaveProperty('expose.type');
    expect(values({ flavor: 'goharbor' })).not.toHaveProperty('exposureType');
    expect(values({ flavor: 'bitnami' })).toHaveProperty(
      'exposureType',
      'ingress',
    );
  });
});

describe('the generated README on the chart', () => {
  const readme = (chart: object) =>
    renderHarborPlatform({ ...defaultSpec, chart } as any).find(f =>
      f.path.endsWith('platform/harbor/README.md'),
    )!.content;

  it('says patches roll in, or that the version is pinned, for the official chart', () => {
    expect(readme({})).toContain(
      'follows `>=1.19.1 <1.20.0`: Flux installs each patch release',
    );
    expect(readme({ version: '1.19.1' })).toContain(
      'is pinned to `1.19.1`: no patch rolls in',
    );
    expect(readme({})).not.toContain('bitnamilegacy');
  });

  it('says the Bitnami chart receives no Harbor patches', () => {
    expect(readme({ flavor: 'bitnami' })).toContain(
      'this chart receives no Harbor patches',
    );
  });
});
