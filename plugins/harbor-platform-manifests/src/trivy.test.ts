import { findObject, minimalSpec } from './__testUtils__/fixtures';
import { renderHarborPlatform } from './render';
import { parseHarborPlatformSpec } from './spec';
import type { HarborPlatformSpecInput } from './spec';

const bitnamiTrivy = (trivy: Record<string, unknown>) =>
  findObject<any>(
    renderHarborPlatform({
      ...minimalSpec,
      chart: { flavor: 'bitnami' },
      trivy,
    } as HarborPlatformSpecInput),
    'HelmRelease',
  ).spec.values.trivy;

describe('Trivy databases for an internal-only cluster', () => {
  it('keeps the chart defaults unless asked', () => {
    const trivy = bitnamiTrivy({});
    expect(trivy).toMatchObject({ skipUpdate: false, skipJavaDbUpdate: false });
    expect(trivy.dbRepository).toBeUndefined();
    expect(trivy.extraEnvVars).toBeUndefined();
  });

  it('points the Bitnami chart at mirrors, skips downloads and scans offline', () => {
    const trivy = bitnamiTrivy({
      dbRepositories: [
        'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-db',
        'mirror.internal:5000/aquasec/trivy-db',
      ],
      javaDbRepositories: [
        'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-java-db',
      ],
      skipUpdate: true,
      offlineScan: true,
    });
    expect(trivy).toMatchObject({
      skipUpdate: true,
      skipJavaDbUpdate: true,
      dbRepository:
        'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-db,mirror.internal:5000/aquasec/trivy-db',
      javaDbRepository:
        'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-java-db',
      extraEnvVars: [{ name: 'SCANNER_TRIVY_OFFLINE_SCAN', value: 'true' }],
    });
  });

  it('refuses a repository with a tag or a scheme', () => {
    for (const repository of [
      'https://ghcr.io/aquasecurity/trivy-db',
      'ghcr.io/aquasecurity/trivy-db:2',
    ]) {
      expect(() =>
        parseHarborPlatformSpec({
          ...minimalSpec,
          trivy: { dbRepositories: [repository] },
        }),
      ).toThrow(/trivy\.dbRepositories\.0: trivy\.dbRepositories must be OCI/);
    }
  });
});
