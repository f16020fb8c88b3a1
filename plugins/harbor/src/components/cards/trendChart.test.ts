import { layoutTrend, TREND_SEVERITIES } from './trendChart';
import { counts } from '../../__testUtils__/fixtures';

describe('layoutTrend', () => {
  const point = (time: string, critical: number, high = 0) => ({
    time,
    counts: counts({ Critical: critical, High: high }),
  });

  it('draws one line per severity, scaled to the highest count', () => {
    const { series, max } = layoutTrend(
      [
        point('2024-05-01T00:00:00Z', 4, 8),
        point('2024-05-03T00:00:00Z', 0, 2),
      ],
      100,
      50,
    );
    expect(series.map(s => s.severity)).toEqual(TREND_SEVERITIES);
    expect(max).toBe(8);
    expect(series[0].points).toBe('0,25 100,50');
    expect(series[1].points).toBe('0,0 100,37.5');
    expect(series[1].latest).toBe(2);
  });

  it('places snapshots by time, so a gap shows', () => {
    const { series } = layoutTrend(
      [
        point('2024-05-01T00:00:00Z', 1),
        point('2024-05-02T00:00:00Z', 1),
        point('2024-05-05T00:00:00Z', 1),
      ],
      100,
      10,
    );
    expect(series[0].points).toBe('0,0 25,0 100,0');
  });

  it('sorts snapshots that arrive out of order', () => {
    const { series } = layoutTrend(
      [point('2024-05-03T00:00:00Z', 2), point('2024-05-01T00:00:00Z', 1)],
      10,
      10,
    );
    expect(series[0].points).toBe('0,5 10,0');
    expect(series[0].latest).toBe(2);
  });

  it('centres a single snapshot and keeps an all-zero trend on the axis', () => {
    const { series, max } = layoutTrend(
      [point('2024-05-01T00:00:00Z', 0)],
      100,
      10,
    );
    expect(max).toBe(1);
    expect(series[0].points).toBe('50,10');
    expect(series[0].coordinates).toEqual([[50, 10]]);
  });
});
