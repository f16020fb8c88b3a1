import {
  artifact,
  counts,
  repositorySummary,
} from '../../__testUtils__/fixtures';
import { sumTrends, worstImages } from './ownedImages';

const summaryOf = (
  ...repositories: ReturnType<typeof repositorySummary>[]
) => ({
  repositories,
  unavailable: [],
  stale: false,
  fetchedAt: '2026-12-01T00:00:00Z',
});

describe('worstImages', () => {
  it('puts every entity’s latest artifacts in one list, worst first, unscanned ones after them (unknown, not clean)', () => {
    const clean = artifact({
      scan: { status: 'success', counts: counts(), total: 0, fixable: 0 },
    });
    const unscanned = artifact({
      scan: { status: 'not-scanned', counts: counts(), total: 0, fixable: 0 },
    });
    const high = artifact({
      scan: {
        status: 'success',
        counts: counts({ High: 40 }),
        total: 40,
        fixable: 0,
      },
    });
    const critical = artifact({
      scan: {
        status: 'success',
        counts: counts({ Critical: 1 }),
        total: 1,
        fixable: 1,
      },
    });
    const images = worstImages([
      {
        entityRef: 'component:default/a',
        summary: summaryOf(
          repositorySummary({ repository: 'clean', artifact: clean }),
          repositorySummary({ repository: 'high', artifact: high }),
        ),
      },
      {
        entityRef: 'component:default/b',
        summary: summaryOf(
          repositorySummary({ repository: 'unscanned', artifact: unscanned }),
          repositorySummary({ repository: 'critical', artifact: critical }),
        ),
      },
    ]);
    // As the entity summary ranks them (compareArtifactSeverity): 1 Critical outranks 40 High; unscanned last.
    expect(images.map(i => `${i.entityRef} ${i.repository}`)).toEqual([
      'component:default/b critical',
      'component:default/a high',
      'component:default/a clean',
      'component:default/b unscanned',
    ]);
  });
});

describe('sumTrends', () => {
  it('sums entities per day, each with its last snapshot of the day or before, none before its first', () => {
    const points = sumTrends(
      [
        {
          points: [
            { time: '2026-12-01T08:00:00Z', counts: counts({ Critical: 5 }) },
            { time: '2026-12-01T20:00:00Z', counts: counts({ Critical: 2 }) },
            {
              time: '2026-12-03T09:00:00Z',
              counts: counts({ Critical: 0, High: 1 }),
            },
          ],
        },
        {
          points: [
            { time: '2026-12-02T12:00:00Z', counts: counts({ High: 4 }) },
          ],
        },
        { points: [] },
      ],
      new Date('2026-12-03T18:00:00Z'),
    );
    expect(
      points.map(p => [p.time.slice(0, 10), p.counts.Critical, p.counts.High]),
    ).toEqual([
      ['2026-12-01', 2, 0],
      ['2026-12-02', 2, 4],
      ['2026-12-03', 0, 5],
    ]);
    expect(points.at(-1)?.time).toBe('2026-12-03T18:00:00.000Z');
  });

  it('has no points without snapshots', () => {
    expect(sumTrends([{ points: [] }])).toEqual([]);
  });
});
