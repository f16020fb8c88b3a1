import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';

/** The plugin's own settings under `harbor` (the instances are read by the node library). */
export interface HarborBackendOptions {
  cache: {
    imagesTtlMs: number;
    vulnerabilitiesTtlMs: number;
    healthTtlMs: number;
    migrationTtlMs: number;
    staleTtlMs: number;
  };
  trends: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    retentionMs: number;
  };
}

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config.has(key)) return fallback;
  return readDurationFromConfig(config, { key });
}

/**
 * A positive duration in milliseconds: a Backstage duration (`{ minutes: 5 }` or ISO `PT5M`), or a number of
 * milliseconds where the key's schema allows it (`harbor.cluster.requestTimeout`).
 */
export function positiveMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  const ms =
    typeof config.getOptional(key) === 'number'
      ? config.getNumber(key)
      : durationToMilliseconds(duration(config, key, fallback));
  if (!(ms > 0)) {
    throw new InputError(`${key} must be a positive duration`);
  }
  return ms;
}

/** Reads `harbor.cache` and `harbor.trends`; every key is optional. */
export function readHarborBackendOptions(config: Config): HarborBackendOptions {
  const imagesTtlMs = positiveMs(config, 'harbor.cache.imagesTtl', {
    minutes: 5,
  });
  const frequencyKey = 'harbor.trends.frequency';
  const cron = config.getOptionalString(`${frequencyKey}.cron`);
  const frequency: SchedulerServiceTaskScheduleDefinition['frequency'] = cron
    ? { cron }
    : duration(config, frequencyKey, { hours: 6 });
  return {
    cache: {
      imagesTtlMs,
      vulnerabilitiesTtlMs: positiveMs(
        config,
        'harbor.cache.vulnerabilitiesTtl',
        { minutes: 10 },
      ),
      healthTtlMs: positiveMs(config, 'harbor.cache.healthTtl', { minutes: 1 }),
      // One migration status reads every tag's digest from the old registry and every mapped Harbor repository.
      migrationTtlMs: positiveMs(config, 'harbor.cache.migrationTtl', {
        minutes: 5,
      }),
      staleTtlMs: positiveMs(config, 'harbor.cache.staleTtl', { days: 7 }),
    },
    trends: {
      schedule: {
        frequency,
        timeout: duration(config, 'harbor.trends.timeout', { minutes: 30 }),
        initialDelay: duration(config, 'harbor.trends.initialDelay', {
          minutes: 1,
        }),
        scope: 'global',
      },
      retentionMs: positiveMs(config, 'harbor.trends.retention', {
        years: 1,
      }),
    },
  };
}
