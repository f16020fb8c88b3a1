import { ConfigReader } from '@backstage/config';
import { readHarborBackendOptions } from './options';

describe('readHarborBackendOptions', () => {
  it('has defaults for every key', () => {
    const options = readHarborBackendOptions(new ConfigReader({}));
    expect(options.cache).toEqual({
      imagesTtlMs: 300_000,
      vulnerabilitiesTtlMs: 600_000,
      healthTtlMs: 60_000,
      migrationTtlMs: 300_000,
      staleTtlMs: 7 * 86_400_000,
    });
    expect(options.trends.schedule).toMatchObject({
      frequency: { hours: 6 },
      scope: 'global',
    });
  });

  it('reads durations as objects, strings and ISO 8601, and a cron frequency', () => {
    const options = readHarborBackendOptions(
      new ConfigReader({
        harbor: {
          cache: {
            imagesTtl: { minutes: 1 },
            healthTtl: '30s',
            staleTtl: 'P1D',
          },
          trends: {
            frequency: { cron: '0 */2 * * *' },
            retention: { days: 30 },
          },
        },
      }),
    );
    expect(options.cache.imagesTtlMs).toBe(60_000);
    expect(options.cache.healthTtlMs).toBe(30_000);
    expect(options.cache.staleTtlMs).toBe(86_400_000);
    expect(options.trends.schedule.frequency).toEqual({ cron: '0 */2 * * *' });
    expect(options.trends.retentionMs).toBe(30 * 86_400_000);
  });

  it('rejects a TTL that is not a duration', () => {
    expect(() =>
      readHarborBackendOptions(
        new ConfigReader({ harbor: { cache: { imagesTtl: 'soon' } } }),
      ),
    ).toThrow(/harbor.cache.imagesTtl/);
  });

  it('defaults each schedule key on its own and keeps the snapshot global', () => {
    const { schedule } = readHarborBackendOptions(
      new ConfigReader({ harbor: { trends: { timeout: { minutes: 5 } } } }),
    ).trends;
    expect(schedule).toEqual({
      frequency: { hours: 6 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
  });

  it('rejects a schedule duration that is not one, naming the block', () => {
    expect(() =>
      readHarborBackendOptions(
        new ConfigReader({ harbor: { trends: { timeout: 'soon' } } }),
      ),
    ).toThrow(/harbor\.trends: .*timeout/);
  });

  it('reads a TTL given in milliseconds and rejects one that is not positive', () => {
    expect(
      readHarborBackendOptions(
        new ConfigReader({ harbor: { cache: { healthTtl: 1500 } } }),
      ).cache.healthTtlMs,
    ).toBe(1500);
    expect(() =>
      readHarborBackendOptions(
        new ConfigReader({ harbor: { cache: { staleTtl: { days: 0 } } } }),
      ),
    ).toThrow('harbor.cache.staleTtl must be a positive duration');
  });
});
