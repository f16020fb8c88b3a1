import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readDurationMs } from './duration';

const read = (value: unknown) =>
  readDurationMs(
    new ConfigReader(value === undefined ? {} : { a: { ttl: value } }),
    'a.ttl',
    { minutes: 5 },
  );

describe('readDurationMs', () => {
  it('answers the fallback when the key is absent', () => {
    expect(read(undefined)).toBe(300_000);
  });

  it.each([
    [1500, 1500],
    [{ seconds: 30 }, 30_000],
    ['10s', 10_000],
    ['PT2M', 120_000],
    ['P1D', 86_400_000],
  ])('reads %p as %p ms', (value, ms) => {
    expect(read(value)).toBe(ms);
  });

  it('rejects what is not a duration, naming the key', () => {
    expect(() => read('soon')).toThrow(InputError);
    expect(() => read('soon')).toThrow(/^a\.ttl is invalid: /);
    expect(() => read({ fortnights: 1 })).toThrow(/^a\.ttl is invalid: /);
  });

  it.each([0, -5, { seconds: 0 }])('rejects %p as not positive', value => {
    expect(() => read(value)).toThrow('a.ttl must be a positive duration');
  });
});
