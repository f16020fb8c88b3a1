import {
  matchesFields,
  matchesRequirements,
  parseFieldSelector,
  parseLabelSelector,
  requirementsOf,
} from './selectors';

describe('label selectors', () => {
  const labels = {
    app: 'web',
    tier: 'frontend',
    'backstage.io/kubernetes-id': 'web',
  };
  const matches = (
    selector: string,
    l: Record<string, string> | undefined = labels,
  ) => matchesRequirements(parseLabelSelector(selector), l);

  it('matches equality, inequality and existence terms', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web,tier=frontend')).toBe(true);
    expect(matches('app=api')).toBe(false);
    expect(matches('app!=api')).toBe(true);
    expect(matches('backstage.io/kubernetes-id')).toBe(true);
    expect(matches('!release')).toBe(true);
    expect(matches('!app')).toBe(false);
  });

  it('matches set-based terms, with commas inside parentheses', () => {
    expect(matches('tier in (frontend, backend),app=web')).toBe(true);
    expect(matches('tier notin (frontend)')).toBe(false);
    expect(matches('release notin (canary)')).toBe(true);
    expect(matches('release in (canary)')).toBe(false);
  });

  it('matches an empty selector to everything, including objects without labels', () => {
    expect(matches('', undefined)).toBe(true);
  });

  it('rejects a term it cannot parse with 400', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(
      'unable to parse requirement: app in web',
    );
  });

  it('turns matchLabels and matchExpressions into requirements', () => {
    const requirements = requirementsOf({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }],
    });
    expect(matchesRequirements(requirements, labels)).toBe(true);
    expect(matchesRequirements(requirements, { app: 'web' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('matches metadata.name and supported fields with = and !=', () => {
    const pod = { metadata: { name: 'p' }, status: { phase: 'Running' } };
    const fields = ['metadata.name', 'status.phase'];
    expect(
      matchesFields(parseFieldSelector('metadata.name=p', fields), pod),
    ).toBe(true);
    expect(
      matchesFields(parseFieldSelector('status.phase!=Running', fields), pod),
    ).toBe(false);
  });

  it('rejects a field the kind does not support', () => {
    expect(() => parseFieldSelector('spec.x=1', ['metadata.name'])).toThrow(
      'field label not supported: spec.x',
    );
  });
});
