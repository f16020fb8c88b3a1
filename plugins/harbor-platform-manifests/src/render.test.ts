import { parseAllDocuments } from 'yaml';
import {
  allObjects,
  findObject,
  fullSpec,
  minimalSpec,
} from './__testUtils__/fixtures';
import { renderHarborPlatform } from './render';
import { validateManifest } from './validate';

describe('renderHarborPlatform', () => {
  it.each([
    ['minimal', minimalSpec],
    ['full', fullSpec],
  ])(
    'renders only objects that pass their schema (%s spec)',
    (_label, input) => {
      const files = renderHarborPlatform(input);
      for (const object of allObjects(files)) {
        expect(validateManifest(object)).toEqual([]);
      }
    },
  );

  it('writes the YAML text of exactly the objects it returns', () => {
    for (const file of renderHarborPlatform(fullSpec)) {
      if (!file.path.endsWith('.yaml')) continue;
      const documents = parseAllDocuments(file.content);
      const parsed = (Array.isArray(documents) ? documents : [documents]).map(
        d => d.toJS(),
      );
      expect(parsed).toEqual(file.objects);
    }
  });

  it('renders the expected files under the Flux base path', () => {
    expect(renderHarborPlatform(minimalSpec).map(f => f.path)).toEqual([
      'platform/harbor/README.md',
      'platform/harbor/flux/kustomizations.yaml',
      'platform/harbor/namespace/namespace.yaml',
      'platform/harbor/secrets/external-secrets.yaml',
      'platform/harbor/database/database.yaml',
      'platform/harbor/dragonfly/dragonfly.yaml',
      'platform/harbor/app/oci-repository.yaml',
      'platform/harbor/app/helm-release.yaml',
      'platform/harbor/monitoring/prometheus-rule.yaml',
      'platform/harbor/monitoring/database-pod-monitor.yaml',
      'platform/harbor/dashboards/grafana-dashboard.yaml',
      'platform/harbor/teams/README.md',
    ]);
  });

  it('puts every namespaced object in the platform namespace', () => {
    const files = renderHarborPlatform(fullSpec);
    for (const object of allObjects(files)) {
      if (object.kind === 'Namespace') continue;
      const expected =
        object.kind === 'Kustomization' ? 'flux-system' : 'registry-system';
      expect(`${object.kind}/${object.metadata.namespace}`).toBe(
        `${object.kind}/${expected}`,
      );
    }
    expect(findObject(files, 'Namespace').metadata.name).toBe(
      'registry-system',
    );
  });

  it('is deterministic', () => {
    expect(renderHarborPlatform(fullSpec)).toEqual(
      renderHarborPlatform(fullSpec),
    );
  });
});
