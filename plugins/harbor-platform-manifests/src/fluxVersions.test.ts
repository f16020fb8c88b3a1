import fs from 'node:fs';
import path from 'node:path';
import { fullSpec, minimalSpec } from './__testUtils__/fixtures';
import { CRD_SCHEMA_DIR, createKubernetesAjv } from './crdSchemas';
import { EXTERNAL_SECRET_HEALTH, FluxKustomization } from './flux';
import { FluxVersion, SUPPORTED_FLUX_VERSIONS } from './fluxVersions';
import { renderHarborPlatform } from './render';
import type { HarborPlatformSpecInput } from './spec';
import type { KubernetesObject } from './types';

/** The Flux kinds the renderer emits, by the schema file name both schema folders use. */
const FLUX_SCHEMAS: Record<string, string> = {
  HelmRelease: 'helmrelease_v2.json',
  Kustomization: 'kustomization_v1.json',
  OCIRepository: 'ocirepository_v1.json',
};
const GROUP_DIR: Record<string, string> = {
  HelmRelease: 'helm.toolkit.fluxcd.io',
  Kustomization: 'kustomize.toolkit.fluxcd.io',
  OCIRepository: 'source.toolkit.fluxcd.io',
};

/** 2.9 is the catalog copy the renderer ships; older releases are converted test data (fluxSchemas/SOURCE.md). */
function schemaPath(version: FluxVersion, kind: string): string {
  return version === '2.9'
    ? path.join(CRD_SCHEMA_DIR, GROUP_DIR[kind], FLUX_SCHEMAS[kind])
    : path.join(
        __dirname,
        '__testUtils__/fluxSchemas',
        `flux-${version}`,
        FLUX_SCHEMAS[kind],
      );
}

const ajv = createKubernetesAjv();
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function problems(version: FluxVersion, object: KubernetesObject): string[] {
  const file = schemaPath(version, object.kind);
  let validate = validators.get(file);
  if (!validate) {
    validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
    validators.set(file, validate);
  }
  return validate(object)
    ? []
    : (validate.errors ?? []).map(
        e =>
          `Flux ${version} ${object.kind} ${object.metadata.name}: ${
            e.instancePath
          } ${e.message} ${JSON.stringify(e.params)}`,
      );
}

const fluxObjects = (input: HarborPlatformSpecInput) =>
  renderHarborPlatform(input)
    .flatMap(f => f.objects)
    .filter(o => o.kind in FLUX_SCHEMAS);

const atLeast = (floor: FluxVersion) =>
  SUPPORTED_FLUX_VERSIONS.filter(
    v =>
      SUPPORTED_FLUX_VERSIONS.indexOf(v) >=
      SUPPORTED_FLUX_VERSIONS.indexOf(floor),
  );

describe('the supported Flux range (2.6 to 2.9)', () => {
  const inputs: [string, HarborPlatformSpecInput][] = [
    ['minimal Bitnami', minimalSpec],
    ['full Bitnami', fullSpec],
    [
      'official chart',
      { ...fullSpec, chart: { flavor: 'goharbor' } } as HarborPlatformSpecInput,
    ],
  ];

  it.each(inputs)(
    'the %s output is valid against the Flux schemas of every supported release',
    (_, input) => {
      for (const minimumVersion of SUPPORTED_FLUX_VERSIONS) {
        const objects = fluxObjects({
          ...input,
          flux: { ...input.flux, minimumVersion },
        });
        expect(objects.map(o => o.kind)).toEqual(
          expect.arrayContaining(Object.keys(FLUX_SCHEMAS)),
        );
        for (const version of atLeast(minimumVersion)) {
          expect(objects.flatMap(o => problems(version, o))).toEqual([]);
        }
      }
    },
  );

  it('the older schemas reject what only newer Flux has (the check can fail)', () => {
    const [release] = fluxObjects({
      ...fullSpec,
      flux: { minimumVersion: '2.7' },
    }).filter(o => o.kind === 'HelmRelease');
    expect(problems('2.6', release).join('\n')).toMatch(
      /RetryOnFailure|strategy/,
    );
    const literal = structuredClone(release) as any;
    literal.spec.valuesFrom[0] = {
      ...literal.spec.valuesFrom[0],
      targetPath: 'a.b',
      literal: true,
    };
    expect(problems('2.8', literal).join('\n')).toMatch(/literal/);
    expect(problems('2.9', literal)).toEqual([]);
  });

  it('retries a failed Helm action with RetryOnFailure only from Flux 2.7, and never rolls back', () => {
    const releaseFor = (minimumVersion: FluxVersion) =>
      fluxObjects({ ...minimalSpec, flux: { minimumVersion } }).find(
        o => o.kind === 'HelmRelease',
      ) as any;
    const old = releaseFor('2.6');
    expect(JSON.stringify(old.spec)).not.toContain('RetryOnFailure');
    expect(old.spec.install).toEqual({ remediation: { retries: 3 } });
    expect(old.spec.upgrade).toEqual({ remediation: { retries: 0 } });
    expect(releaseFor('2.7').spec.upgrade.strategy.name).toBe('RetryOnFailure');
    for (const version of SUPPORTED_FLUX_VERSIONS) {
      expect(JSON.stringify(releaseFor(version).spec)).not.toMatch(/rollback/);
    }
  });

  it('defaults to the oldest supported release', () => {
    const release = fluxObjects(minimalSpec).find(
      o => o.kind === 'HelmRelease',
    ) as any;
    expect(release.spec.install).toEqual({ remediation: { retries: 3 } });
  });

  it('gates the secrets layer on every ExternalSecret being Ready (kstatus ignores Ready)', () => {
    const files = renderHarborPlatform(fullSpec);
    const secrets = fluxObjects(fullSpec).find(
      o => o.kind === 'Kustomization' && o.metadata.name.endsWith('-secrets'),
    ) as FluxKustomization;
    expect(secrets.spec.wait).toBe(true);
    expect(secrets.spec.healthCheckExprs).toEqual([EXTERNAL_SECRET_HEALTH]);
    const folder = secrets.spec.path.replace(/^\.\//, '');
    const inLayer = files
      .filter(f => f.path.startsWith(`${folder}/`))
      .flatMap(f => f.objects);
    expect(
      inLayer.some(
        o =>
          o.kind === 'ExternalSecret' &&
          o.apiVersion === EXTERNAL_SECRET_HEALTH.apiVersion,
      ),
    ).toBe(true);
    expect(EXTERNAL_SECRET_HEALTH.current).toContain(
      "e.type == 'Ready' && e.status == 'True'",
    );
  });
});
