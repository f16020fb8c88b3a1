import { compareArtifactSeverity, latestArtifacts } from './ranking';
import { emptySeverityCounts, type SeverityCounts } from './severity';
import type { EntityImages, HarborArtifact } from './types';

function counts(partial: Partial<SeverityCounts> = {}): SeverityCounts {
  return { ...emptySeverityCounts(), ...partial };
}

function artifact(partial: Partial<HarborArtifact> = {}): HarborArtifact {
  return {
    digest: `sha256:${'a'.repeat(64)}`,
    tags: ['1.4.2', 'latest'],
    size: 52_428_800,
    pushTime: '2024-05-01T10:00:00Z',
    harborUrl: 'https://harbor.example.com/harbor/projects/1',
    scan: {
      status: 'success',
      severity: 'Critical',
      counts: counts({ Critical: 2, High: 3, Low: 1 }),
      total: 6,
      fixable: 4,
    },
    ...partial,
  };
}

/** Two repositories: team-a/api (latest 1.4.2, with criticals) and team-a/batch/nightly-report (one Medium). */
function images(): EntityImages {
  const repository = (name: string, artifacts: HarborArtifact[]) => ({
    instance: 'default',
    project: 'team-a',
    repository: name,
    harborUrl: `https://harbor.example.com/harbor/projects/1/repositories/${name}`,
    artifacts,
    status: { state: 'fresh' as const, fetchedAt: '2024-05-03T12:00:00Z' },
  });
  return {
    stale: false,
    fetchedAt: '2024-05-03T12:00:00Z',
    repositories: [
      repository('api', [
        artifact(),
        artifact({
          digest: `sha256:${'b'.repeat(64)}`,
          tags: ['1.4.1'],
          pushTime: '2024-04-20T10:00:00Z',
          scan: {
            status: 'not-scanned',
            counts: counts(),
            total: 0,
            fixable: 0,
          },
        }),
      ]),
      repository('batch/nightly-report', [
        artifact({
          digest: `sha256:${'c'.repeat(64)}`,
          tags: ['2024.05.01'],
          scan: {
            status: 'success',
            severity: 'Medium',
            counts: counts({ Medium: 1 }),
            total: 1,
            fixable: 0,
          },
        }),
      ]),
    ],
  };
}

describe('latestArtifacts', () => {
  it('takes the most recently pushed artifact of each repository', () => {
    const latest = latestArtifacts(images());
    expect(latest.map(l => [l.repositoryPath, l.artifact.tags[0]])).toEqual([
      ['team-a/api', '1.4.2'],
      ['team-a/batch/nightly-report', '2024.05.01'],
    ]);
  });

  it('takes the most recently pushed artifact whatever order Harbor lists them in, and the first of a tie', () => {
    const pushedAt = (tag: string, pushTime?: string) =>
      artifact({ tags: [tag], pushTime });
    const data = images();
    data.repositories[0].artifacts = [
      pushedAt('no-time'),
      pushedAt('garbled', 'yesterday'),
      pushedAt('old', '2024-04-20T10:00:00Z'),
      pushedAt('new', '2024-05-01T10:00:00Z'),
      pushedAt('same-time', '2024-05-01T10:00:00Z'),
    ];
    expect(latestArtifacts(data)[0].artifact.tags).toEqual(['new']);
  });

  it('puts the worst repository first', () => {
    const data = images();
    data.repositories[0].artifacts = [
      artifact({
        scan: {
          status: 'success',
          counts: counts({ Low: 3 }),
          total: 3,
          fixable: 0,
        },
      }),
    ];
    expect(latestArtifacts(data).map(l => l.repositoryPath)).toEqual([
      'team-a/batch/nightly-report',
      'team-a/api',
    ]);
  });

  it('leaves out repositories without artifacts', () => {
    const data = images();
    data.repositories[1].artifacts = [];
    expect(latestArtifacts(data)).toHaveLength(1);
  });
});

describe('compareArtifactSeverity', () => {
  it('ranks one critical above many highs', () => {
    const oneCritical = artifact({
      scan: {
        status: 'success',
        counts: counts({ Critical: 1 }),
        total: 1,
        fixable: 0,
      },
    });
    const manyHigh = artifact({
      scan: {
        status: 'success',
        counts: counts({ High: 500 }),
        total: 500,
        fixable: 0,
      },
    });
    expect(compareArtifactSeverity(oneCritical, manyHigh)).toBeGreaterThan(0);
    expect(compareArtifactSeverity(manyHigh, oneCritical)).toBeLessThan(0);
  });

  it('ranks an unscanned artifact below a clean one, since its findings are unknown', () => {
    const clean = artifact({
      scan: { status: 'success', counts: counts(), total: 0, fixable: 0 },
    });
    const unscanned = artifact({
      scan: { status: 'not-scanned', counts: counts(), total: 0, fixable: 0 },
    });
    expect(compareArtifactSeverity(unscanned, clean)).toBeLessThan(0);
  });

  it('ranks a clean artifact above an unscanned one, and two artifacts without a finished scan alike', () => {
    const withScan = (status: HarborArtifact['scan']['status'], high = 0) =>
      artifact({
        scan: {
          status,
          counts: counts({ High: high }),
          total: high,
          fixable: 0,
        },
      });
    expect(
      compareArtifactSeverity(withScan('success'), withScan('not-scanned')),
    ).toBeGreaterThan(0);
    expect(
      compareArtifactSeverity(withScan('not-scanned'), withScan('error', 4)),
    ).toBe(0);
    expect(
      compareArtifactSeverity(withScan('error', 4), withScan('error')),
    ).toBe(0);
  });

  it('does not rank by the None count', () => {
    const scan = (c: Parameters<typeof counts>[0]) =>
      artifact({
        scan: { status: 'success', counts: counts(c), total: 0, fixable: 0 },
      });
    expect(compareArtifactSeverity(scan({ None: 3 }), scan({}))).toBe(0);
  });

  it('compares lower severities when the worse ones tie', () => {
    const scan = (c: Parameters<typeof counts>[0]) =>
      artifact({
        scan: { status: 'success', counts: counts(c), total: 0, fixable: 0 },
      });
    expect(
      compareArtifactSeverity(
        scan({ Critical: 1, High: 2, Low: 9 }),
        scan({ Critical: 1, High: 2, Low: 3 }),
      ),
    ).toBeGreaterThan(0);
  });
});
