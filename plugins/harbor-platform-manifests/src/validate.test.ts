import { findObject, minimalSpec } from './__testUtils__/fixtures';
import { renderHarborPlatform } from './render';
import { SUPPORTED_MANIFEST_KINDS, validateManifest } from './validate';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

describe('validateManifest', () => {
  const files = renderHarborPlatform(minimalSpec);

  it('compiles every CRD schema it supports', () => {
    // PrometheusRule needs the Go-regex engine ((?i) flag); the others need strict: false and formats.
    for (const key of SUPPORTED_MANIFEST_KINDS) {
      const [kind] = key.split('/').slice(-1);
      const apiVersion = key.slice(0, key.length - kind.length - 1);
      const problems = validateManifest({
        apiVersion,
        kind,
        metadata: { name: 'x' },
      });
      expect(problems.every(p => !p.includes('not a supported'))).toBe(true);
    }
  });

  it('rejects a misspelled field inside a CRD spec', () => {
    const cluster = clone(findObject(files, 'Cluster')) as any;
    cluster.spec.postgresql.parameterz = {};
    expect(validateManifest(cluster).join()).toMatch(
      /additional properties \(parameterz\)/,
    );
  });

  it('rejects a wrong enum value', () => {
    const release = clone(findObject(files, 'HelmRelease')) as any;
    release.spec.chartRef.kind = 'HelmRepository';
    expect(validateManifest(release).join()).toMatch(
      /chartRef\/kind must be equal to one of/,
    );
  });

  it('rejects a PrometheusRule duration Prometheus cannot parse', () => {
    const rule = clone(findObject(files, 'PrometheusRule')) as any;
    rule.spec.groups[0].rules[0].for = '5 minutes';
    expect(validateManifest(rule).join()).toMatch(/\/for must match pattern/);
  });

  it('rejects apiVersions that are no longer served', () => {
    const secret = clone(findObject(files, 'ExternalSecret'));
    secret.apiVersion = 'external-secrets.io/v1beta1';
    expect(validateManifest(secret)).toEqual([
      'ExternalSecret harbor/harbor-admin: external-secrets.io/v1beta1/ExternalSecret is not a supported apiVersion/kind',
    ]);
  });

  it('checks built-in kinds with kubernetes-models', () => {
    expect(
      validateManifest({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'ok' },
      }),
    ).toEqual([]);
    expect(
      validateManifest({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        type: 5,
      }).join(),
    ).toMatch(/type must be string/);
  });

  it('requires metadata.name', () => {
    expect(
      validateManifest({ apiVersion: 'v1', kind: 'Namespace', metadata: {} }),
    ).toEqual(['Namespace undefined: metadata.name is required']);
  });
});
