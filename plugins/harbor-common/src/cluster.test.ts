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

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

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

  it('accepts a one-character namespace and one of 63 characters', () => {
    for (const value of ['h', 'a'.repeat(63)]) {
      expect(
        getHarborPlatformNamespace(
          entity('System', { [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: value }),
        ),
      ).toBe(value);
    }
  });

  it('names the annotation, the value and the rule when it refuses one', () => {
    const error = thrownBy(() =>
      getHarborPlatformNamespace(
        entity('System', { [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: 'Harbor' }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidClusterAnnotationError);
    expect(error).toMatchObject({
      name: 'InvalidClusterAnnotationError',
      message: `goharbor.io/platform-namespace "Harbor" is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`,
    });
  });

  it('does not apply to a System whose annotation is blank, or with no annotations at all', () => {
    expect(
      isHarborPlatformAvailable(
        entity('System', { [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: '  ' }),
      ),
    ).toBe(false);
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'x' },
    };
    expect(isHarborPlatformAvailable(bare)).toBe(false);
    expect(getHarborPlatformNamespace(bare)).toBeUndefined();
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

describe('getKubernetesWorkloadSelector limits', () => {
  const selectorOf = (annotations: Record<string, string>) =>
    getKubernetesWorkloadSelector(entity('Component', annotations));

  it('trims padded id, label selector and namespace annotations', () => {
    expect(
      selectorOf({
        'backstage.io/kubernetes-id': ' web ',
        'backstage.io/kubernetes-namespace': ' team-a ',
      }),
    ).toEqual({
      namespace: 'team-a',
      labelSelector: 'backstage.io/kubernetes-id=web',
    });
    expect(
      selectorOf({ 'backstage.io/kubernetes-label-selector': ' app=web ' }),
    ).toEqual({ namespace: undefined, labelSelector: 'app=web' });
  });

  it('does not apply when the id and the label selector are blank', () => {
    const blank = entity('Component', {
      'backstage.io/kubernetes-id': ' ',
      'backstage.io/kubernetes-label-selector': '  ',
    });
    expect(isHarborWorkloadsAvailable(blank)).toBe(false);
    expect(getKubernetesWorkloadSelector(blank)).toBeUndefined();
    expect(
      isHarborWorkloadsAvailable(
        entity('Component', {
          'backstage.io/kubernetes-label-selector': 'a=b',
        }),
      ),
    ).toBe(true);
  });

  it('accepts a kubernetes-id of one character and one of 63', () => {
    for (const id of ['w', `a${'-_.'.repeat(20)}z`, 'A'.repeat(63)]) {
      expect(selectorOf({ 'backstage.io/kubernetes-id': id })).toEqual({
        namespace: undefined,
        labelSelector: `backstage.io/kubernetes-id=${id}`,
      });
    }
  });

  it.each(['a'.repeat(64), '-web', 'web.', 'web/evil'])(
    'refuses the kubernetes-id %s, which is no label value, naming it',
    id => {
      const error = thrownBy(() =>
        selectorOf({ 'backstage.io/kubernetes-id': id }),
      );
      expect(error).toBeInstanceOf(InvalidClusterAnnotationError);
      expect(error).toMatchObject({
        message: `backstage.io/kubernetes-id "${id}" is not a valid label value`,
      });
    },
  );

  it('accepts a kubernetes-namespace of one character and one of 63', () => {
    for (const namespace of ['t', 'a'.repeat(63)]) {
      expect(
        selectorOf({
          'backstage.io/kubernetes-id': 'web',
          'backstage.io/kubernetes-namespace': namespace,
        })?.namespace,
      ).toBe(namespace);
    }
  });

  // The namespace goes into Kubernetes API paths (/api/v1/namespaces/<namespace>/pods).
  it.each([
    'Team-a',
    'team_a',
    '-team',
    'team-',
    'a'.repeat(64),
    '../kube-system',
    ' ',
  ])(
    'refuses the kubernetes-namespace %j, even with a label selector, naming it',
    namespace => {
      const error = thrownBy(() =>
        selectorOf({
          'backstage.io/kubernetes-label-selector': 'app=web',
          'backstage.io/kubernetes-namespace': namespace,
        }),
      );
      expect(error).toBeInstanceOf(InvalidClusterAnnotationError);
      expect(error).toMatchObject({
        name: 'InvalidClusterAnnotationError',
        message: `backstage.io/kubernetes-namespace "${namespace.trim()}" is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`,
      });
    },
  );
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

  it('drops every trailing slash of the base address', () => {
    expect(
      runbookSectionUrl('https://x.example.com/runbook///', {
        page: 'alerts.md',
        anchor: 'harbor-component-down',
      }),
    ).toBe('https://x.example.com/runbook/alerts/#harbor-component-down');
  });
});
