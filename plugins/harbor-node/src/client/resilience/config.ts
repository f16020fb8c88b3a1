import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readDurationMs } from '../../duration';
import {
  DEFAULT_COOL_DOWN_MS,
  DEFAULT_FAILURE_THRESHOLD,
  HarborCircuitBreakerOptions,
} from './breaker';

/** Default interval of the periodic credential check. @public */
export const DEFAULT_HARBOR_CREDENTIAL_CHECK_INTERVAL_MS = 5 * 60_000;

/** `harbor.circuitBreaker` and `harbor.credentialCheck`, settled. */
export interface HarborResilienceConfig {
  circuitBreaker: Required<
    Pick<HarborCircuitBreakerOptions, 'failureThreshold' | 'coolDownMs'>
  >;
  credentialCheckIntervalMs: number;
}

/** Reads `harbor.circuitBreaker.{failureThreshold,coolDown}` and `harbor.credentialCheck.interval`. */
export function readHarborResilienceConfig(
  config: Config,
): HarborResilienceConfig {
  const key = 'harbor.circuitBreaker.failureThreshold';
  const failureThreshold =
    config.getOptionalNumber(key) ?? DEFAULT_FAILURE_THRESHOLD;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw new InputError(
      `${key} must be a whole number of at least 1, not ${failureThreshold}`,
    );
  }
  return {
    circuitBreaker: {
      failureThreshold,
      coolDownMs: readDurationMs(config, 'harbor.circuitBreaker.coolDown', {
        milliseconds: DEFAULT_COOL_DOWN_MS,
      }),
    },
    credentialCheckIntervalMs: readDurationMs(
      config,
      'harbor.credentialCheck.interval',
      { milliseconds: DEFAULT_HARBOR_CREDENTIAL_CHECK_INTERVAL_MS },
    ),
  };
}
