import { CRD_SCHEMA_DIR as SCHEMA_DIR } from '@backstage-harbor/harbor-platform-manifests';
import fs from 'node:fs';
import path from 'node:path';
import { CUSTOM_RESOURCES } from '../customResources';

// Kept in schemas/ for reference, not served: ESO serves only v1 of these (`served: false` since ESO 0.17).
const NOT_SERVED = [
  'external-secrets.io/clustersecretstore_v1beta1.json',
  'external-secrets.io/externalsecret_v1beta1.json',
];

describe('the CRD schemas shipped with the package', () => {
  it('serves one custom resource for each schema file except the unserved versions', () => {
    const files = fs
      .readdirSync(SCHEMA_DIR, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .flatMap(d =>
        fs
          .readdirSync(path.join(SCHEMA_DIR, d.name))
          .filter(f => f.endsWith('.json'))
          .map(f => `${d.name}/${f}`),
      )
      .sort();
    expect(files).toEqual(
      [...CUSTOM_RESOURCES.map(r => r.schemaFile!), ...NOT_SERVED].sort(),
    );
  });
});
