import {
  compareSeverity,
  emptySeverityCounts,
  isAtLeast,
  isSeverity,
  SEVERITIES,
  worstSeverity,
} from './severity';

describe('severity ordering', () => {
  it('sorts worst first', () => {
    const shuffled = [
      'Low',
      'None',
      'Critical',
      'Unknown',
      'High',
      'Medium',
    ] as const;
    expect([...shuffled].sort(compareSeverity)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
      'Unknown',
      'None',
    ]);
  });

  it('applies a threshold the way Harbor blocks pulls', () => {
    expect(isAtLeast('Critical', 'High')).toBe(true);
    expect(isAtLeast('High', 'High')).toBe(true);
    expect(isAtLeast('Medium', 'High')).toBe(false);
  });

  it('finds the worst severity with findings', () => {
    const counts = emptySeverityCounts();
    expect(worstSeverity(counts)).toBeUndefined();
    counts.Low = 3;
    counts.High = 1;
    expect(worstSeverity(counts)).toBe('High');
  });

  it('recognises only Harbor severities', () => {
    expect(SEVERITIES.every(isSeverity)).toBe(true);
    expect(isSeverity('critical')).toBe(false);
    expect(isSeverity(undefined)).toBe(false);
  });
});
