import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

const TTL_KEY = 'harbor.cache.migrationTtl';

/**
 * `harbor.cache.migrationTtl`: how long the migration status is kept. Default 5 minutes: one status reads every
 * tag's digest from the old registry and every mapped Harbor repository.
 */
export function readMigrationTtlMs(config: Config): number {
  if (!config.has(TTL_KEY)) return 5 * 60_000;
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: TTL_KEY }),
  );
  if (!(ms > 0)) throw new InputError(`${TTL_KEY} must be a positive duration`);
  return ms;
}
