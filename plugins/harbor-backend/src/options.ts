import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_HARBOR_REQUEST_TIMEOUT_MS,
  readDurationMs,
} from '@backstage-harbor/plugin-harbor-node';

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
  /**
   * The time one request to the plugin may spend on Harbor, however many calls it makes: `harbor.requestTimeout`
   * (the timeout of one Harbor call), so that a route answers within it plus its own work.
   */
  requestDeadlineMs: number;
}

const TRENDS_KEY = 'harbor.trends';
const TRENDS_SCHEDULE_DEFAULTS = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

/**
 * The snapshot task's schedule: `harbor.trends.frequency`, `.timeout` and `.initialDelay` as Backstage reads a
 * task schedule, each key defaulted on its own; always `global`, one snapshot for all the backend's replicas.
 */
function readTrendsSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const trends = config.getOptionalConfig(TRENDS_KEY);
  const data = Object.fromEntries(
    Object.entries(TRENDS_SCHEDULE_DEFAULTS).map(([key, fallback]) => [
      key,
      trends?.getOptional(key) ?? fallback,
    ]),
  );
  try {
    return {
      ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader(data),
      ),
      scope: 'global',
    };
  } catch (e) {
    throw new InputError(`${TRENDS_KEY}: ${(e as Error).message}`);
  }
}

/** Reads `harbor.cache` and `harbor.trends`; every key is optional. */
export function readHarborBackendOptions(config: Config): HarborBackendOptions {
  const ttl = (key: string, fallback: Parameters<typeof readDurationMs>[2]) =>
    readDurationMs(config, `harbor.cache.${key}`, fallback);
  return {
    cache: {
      imagesTtlMs: ttl('imagesTtl', { minutes: 5 }),
      vulnerabilitiesTtlMs: ttl('vulnerabilitiesTtl', { minutes: 10 }),
      healthTtlMs: ttl('healthTtl', { minutes: 1 }),
      // One migration status reads every tag's digest from the old registry and every mapped Harbor repository.
      migrationTtlMs: ttl('migrationTtl', { minutes: 5 }),
      staleTtlMs: ttl('staleTtl', { days: 7 }),
    },
    trends: {
      schedule: readTrendsSchedule(config),
      retentionMs: readDurationMs(config, `${TRENDS_KEY}.retention`, {
        years: 1,
      }),
    },
    requestDeadlineMs: readDurationMs(config, 'harbor.requestTimeout', {
      milliseconds: DEFAULT_HARBOR_REQUEST_TIMEOUT_MS,
    }),
  };
}
