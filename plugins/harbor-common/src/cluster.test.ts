import type { Entity } from '@backstage/catalog-model';
import {
  HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
  InvalidClusterAnnotationError,
  PlatformCheck,
  comparePlatformChecks,
  getHarborPlatformNamespace,
  getKubernetesWorkloadSelector,
  isHarborPlatformAvailable,
  isHarborWorkloadsAvailable,
  runbookSectionUrl,
} from './cluster';

function entity(kind: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: {},
  };
}

describe('the platform namespace annotation', () => {
  it('names the namespace of a System', () => {
    const system = entity('System', {
      [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: ' harbor ',
    });
    expect(getHarborPlatformNamespace(system)).toBe('harbor');
    expect(isHarborPlatformAvailable(system)).toBe(true);
  });

  it('applies to Systems only', () => {
    const component = entity('Component', {
      [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: 'harbor',
    });
    expect(isHarborPlatformAvailable(component)).toBe(false);
    expect(isHarborPlatformAvailable(entity('System', {}))).toBe(false);
    expect(getHarborPlatformNamespace(entity('System', {}))).toBeUndefined();
  });

  it.each(['Harbor', 'harbor_ns', '-harbor', 'a'.repeat(64), 'har/bor'])(
    'refuses %s, which is not a namespace name',
    value => {
      expect(() =>
        getHarborPlatformNamespace(
          entity('System', { [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: value }),
        ),
      ).toThrow(InvalidClusterAnnotationError);
    },
  );
});

describe('getKubernetesWorkloadSelector', () => {
  it('selects by backstage.io/kubernetes-id in every namespace', () => {
    const e = entity('Component', { 'backstage.io/kubernetes-id': 'web' });
    expect(isHarborWorkloadsAvailable(e)).toBe(true);
    expect(getKubernetesWorkloadSelector(e)).toEqual({
      namespace: undefined,
      labelSelector: 'backstage.io/kubernetes-id=web',
    });
  });

  it('prefers the label selector annotation and keeps the namespace', () => {
    expect(
      getKubernetesWorkloadSelector(
        entity('Component', {
          'backstage.io/kubernetes-id': 'web',
          'backstage.io/kubernetes-label-selector': 'app=web,tier in (front)',
          'backstage.io/kubernetes-namespace': 'team-a',
        }),
      ),
    ).toEqual({
      namespace: 'team-a',
      labelSelector: 'app=web,tier in (front)',
    });
  });

  it('is undefined without the annotations and refuses an id that is no label value', () => {
    expect(getKubernetesWorkloadSelector(entity('Component', {}))).toBe(
      undefined,
    );
    expect(isHarborWorkloadsAvailable(entity('Component', {}))).toBe(false);
    expect(() =>
      getKubernetesWorkloadSelector(
        entity('Component', { 'backstage.io/kubernetes-id': 'web,evil=1' }),
      ),
    ).toThrow(InvalidClusterAnnotationError);
  });
});

describe('comparePlatformChecks', () => {
  const check = (status: PlatformCheck['status'], title: string) =>
    ({ status, title } as PlatformCheck);

  it('puts errors first, then warnings, unknowns and the healthy, each by title', () => {
    const sorted = [
      check('ok', 'A'),
      check('unknown', 'B'),
      check('error', 'Z'),
      check('warning', 'C'),
      check('error', 'D'),
    ].sort(comparePlatformChecks);
    expect(sorted.map(c => `${c.status} ${c.title}`)).toEqual([
      'error D',
      'error Z',
      'warning C',
      'unknown B',
      'ok A',
    ]);
  });
});

describe('runbookSectionUrl', () => {
  it('points at the page folder TechDocs serves and the heading', () => {
    expect(
      runbookSectionUrl('/docs/default/system/container-registry/', {
        page: 'troubleshooting.md',
        anchor: 'platform-dragonfly-not-ready',
      }),
    ).toBe(
      '/docs/default/system/container-registry/troubleshooting/#platform-dragonfly-not-ready',
    );
    expect(
      runbookSectionUrl('https://x.example.com/runbook', {
        page: 'index.md',
        anchor: 'architecture',
      }),
    ).toBe('https://x.example.com/runbook/#architecture');
  });
});
