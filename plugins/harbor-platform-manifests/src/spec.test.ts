import { InputError } from '@backstage/errors';
import { ZodError } from 'zod/v3';
import { minimalSpec } from './__testUtils__/fixtures';
import { renderHarborPlatform } from './render';
import { parseHarborPlatformSpec } from './spec';

function errorOf(input: unknown): InputError {
  try {
    parseHarborPlatformSpec(input);
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected the spec to be rejected');
}

describe('parseHarborPlatformSpec', () => {
  it('applies the defaults of the design', () => {
    const spec = parseHarborPlatformSpec(minimalSpec);
    expect(spec.namespace).toBe('harbor');
    expect(spec.storageClass).toBe('ceph-block');
    expect(spec.chart.version).toBe('27.0.4');
    expect(spec.s3.encrypt).toBe(true);
    expect(spec.replicas).toEqual({
      core: 2,
      jobservice: 2,
      registry: 2,
      portal: 2,
      trivy: 1,
    });
    expect(spec.images.repositoryPrefix).toBe('bitnamilegacy');
    expect(spec.dragonfly.memoryMi).toBeUndefined();
    expect(spec.resources.profile).toBe('small');
    expect(spec.trivy).toEqual({
      dbRepositories: [],
      javaDbRepositories: [],
      skipUpdate: false,
      offlineScan: false,
    });
  });

  it.each([
    ['an invalid hostname', { hostname: 'Harbor_Internal' }, 'hostname'],
    [
      'a hostname with a scheme',
      { hostname: 'https://harbor.example.com' },
      'hostname',
    ],
    ['replicas 0', { replicas: { core: 0 } }, 'replicas.core'],
    [
      'fractional replicas',
      { replicas: { registry: 1.5 } },
      'replicas.registry',
    ],
    ['an empty storage class', { storageClass: '' }, 'storageClass'],
    [
      'a Bitnami chart version range',
      { chart: { flavor: 'bitnami', version: '27.x' } },
      'chart.version',
    ],
    ['a bad chart version', { chart: { version: 'latest' } }, 'chart.version'],
    ['an unknown chart', { chart: { flavor: 'harbor' } }, 'chart.flavor'],
    [
      'a non-OCI chart URL',
      { chart: { url: 'https://charts.bitnami.com/bitnami' } },
      'chart.url',
    ],
    ['an upper-case namespace', { namespace: 'Harbor' }, 'namespace'],
    [
      'a runbook URL that is not a URL',
      { monitoring: { runbookBaseUrl: 'docs/harbor' } },
      'monitoring.runbookBaseUrl',
    ],
    [
      'a 1Password item with a slash',
      { onePassword: { items: { core: 'a/b' } } },
      'onePassword.items.core',
    ],
    [
      'too little Dragonfly memory',
      { dragonfly: { memoryMi: 256 } },
      'dragonfly.memoryMi',
    ],
    [
      'a five-field backup schedule',
      { database: { backup: { schedule: '0 3 * * *' } } },
      'database.backup.schedule',
    ],
    [
      'an idle pool above the open pool',
      { databasePool: { maxOpenConns: 10, maxIdleConns: 20 } },
      'databasePool.maxIdleConns',
    ],
    [
      'a base path escaping the repository',
      { flux: { basePath: '../other' } },
      'flux.basePath',
    ],
  ])('rejects %s and names the field', (_label, override, field) => {
    const error = errorOf({ ...minimalSpec, ...override });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`${field}:`);
    expect(error.cause).toBeInstanceOf(ZodError);
    expect(
      (error.cause as ZodError).issues.map(i => i.path.join('.')),
    ).toContain(field);
  });

  it('names every missing required field', () => {
    const message = errorOf({}).message;
    for (const field of ['hostname', 's3', 'ingress', 'monitoring']) {
      expect(message).toContain(`${field}:`);
    }
  });

  it('rejects bad input before rendering anything', () => {
    expect(() =>
      renderHarborPlatform({ ...minimalSpec, replicas: { portal: 0 } }),
    ).toThrow(/replicas\.portal/);
  });
});
