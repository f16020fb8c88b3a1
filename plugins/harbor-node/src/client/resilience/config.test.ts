import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { InputError } from '@backstage/errors';
import { join } from 'node:path';
import { readHarborResilienceConfig } from './config';

const read = (harbor: unknown) =>
  readHarborResilienceConfig(new ConfigReader({ harbor } as any));

describe('readHarborResilienceConfig', () => {
  it('defaults to 5 failures, a 30 s cool-down and a check every 5 minutes', () => {
    expect(read({ baseUrl: 'https://h' })).toEqual({
      circuitBreaker: { failureThreshold: 5, coolDownMs: 30_000 },
      credentialCheckIntervalMs: 300_000,
    });
  });

  it('reads durations in any of the forms readDurationMs takes', () => {
    expect(
      read({
        circuitBreaker: { failureThreshold: 3, coolDown: '1m' },
        credentialCheck: { interval: { minutes: 10 } },
      }),
    ).toEqual({
      circuitBreaker: { failureThreshold: 3, coolDownMs: 60_000 },
      credentialCheckIntervalMs: 600_000,
    });
    expect(read({ circuitBreaker: { coolDown: 2500 } }).circuitBreaker).toEqual(
      { failureThreshold: 5, coolDownMs: 2_500 },
    );
  });

  it('names the key of an invalid value', () => {
    expect(() => read({ circuitBreaker: { failureThreshold: 0 } })).toThrow(
      new InputError(
        'harbor.circuitBreaker.failureThreshold must be a whole number of at least 1, not 0',
      ),
    );
    expect(() => read({ circuitBreaker: { coolDown: 'soon' } })).toThrow(
      /harbor\.circuitBreaker\.coolDown is invalid/,
    );
    expect(() => read({ credentialCheck: { interval: -1 } })).toThrow(
      'harbor.credentialCheck.interval must be a positive duration',
    );
  });

  it('declares the keys in the config schema', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [join(__dirname, '../../../package.json')],
    });
    // This package's schema alone misses app and backend; only the harbor keys' errors matter here.
    const harborErrors = (harbor: unknown) => {
      try {
        schema.process([{ context: 'test', data: { harbor } as any }]);
        return '';
      } catch (e) {
        return (e as Error).message
          .split(';')
          .filter(m => m.includes('harbor'))
          .join(';');
      }
    };
    expect(
      harborErrors({
        baseUrl: 'https://h',
        circuitBreaker: { failureThreshold: 3, coolDown: '45s' },
        credentialCheck: { interval: { minutes: 1 } },
      }),
    ).toBe('');
    expect(
      harborErrors({
        baseUrl: 'https://h',
        circuitBreaker: { failureThreshold: 'many' },
      }),
    ).toMatch(/harbor\/circuitBreaker\/failureThreshold/);
  });
});
