import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';

/**
 * A positive duration in milliseconds, the one reader of every duration key of the Harbor plugins: a number of
 * milliseconds, a Backstage duration (`{ minutes: 5 }`), `'5m'` or ISO 8601 (`'PT5M'`). `fallback` when the key
 * is absent; an `InputError` naming the key for anything else.
 * @public
 */
export function readDurationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  if (!config.has(key)) return durationToMilliseconds(fallback);
  let ms: number;
  if (typeof config.getOptional(key) === 'number') {
    ms = config.getNumber(key);
  } else {
    try {
      ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
    } catch (e) {
      throw new InputError(
        `${key} is invalid: write milliseconds (10000) or a duration ('10s', { seconds: 10 }); ${
          (e as Error).message
        }`,
      );
    }
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new InputError(`${key} must be a positive duration`);
  }
  return ms;
}
