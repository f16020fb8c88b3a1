import { compareArtifactSeverity, latestArtifacts } from './ranking';
import { artifact, counts, images } from '../__testUtils__/fixtures';

describe('latestArtifacts', () => {
  it('takes the most recently pushed artifact of each repository', () => {
    const latest = latestArtifacts(images());
    expect(latest.map(l => [l.repositoryPath, l.artifact.tags[0]])).toEqual([
      ['team-a/api', '1.4.2'],
      ['team-a/batch/nightly-report', '2024.05.01'],
    ]);
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
