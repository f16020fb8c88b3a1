import type { HarborPlatformSpec } from './spec';

/**
 * The Flux releases the output installs on. The floor is 2.6: `OCIRepository` is `source.toolkit.fluxcd.io/v1`
 * from source-controller v1.6.0. The tests validate the output against the CRD schemas of each.
 */
export const SUPPORTED_FLUX_VERSIONS = ['2.6', '2.7', '2.8', '2.9'] as const;

export const FLUX_MINIMUM_VERSION_HELP =
  'Oldest Flux release the cluster runs (2.6 to 2.9); from 2.7 a failed Helm install or upgrade is retried (RetryOnFailure)';

/** @public */
export type FluxVersion = (typeof SUPPORTED_FLUX_VERSIONS)[number];

/** The `RetryOnFailure` strategy exists from helm-controller v1.4.0 (Flux 2.7). */
const RETRY_ON_FAILURE_SINCE: FluxVersion = '2.7';

const atLeast = (version: FluxVersion, floor: FluxVersion) =>
  SUPPORTED_FLUX_VERSIONS.indexOf(version) >=
  SUPPORTED_FLUX_VERSIONS.indexOf(floor);

export type HelmReleaseActions = {
  install: Record<string, unknown>;
  upgrade: Record<string, unknown>;
};

/**
 * What the HelmRelease does when an install or upgrade fails. Never a rollback: Harbor migrates its schema on
 * start and a Helm rollback is no database rollback. From Flux 2.7 it retries (`RetryOnFailure`); before, an
 * install is retried after an uninstall (every Secret the chart needs comes from External Secrets, so nothing
 * is lost) and a failed upgrade stays failed until the next change in Git or `flux reconcile --force`.
 */
export function helmReleaseActions(
  spec: HarborPlatformSpec,
): HelmReleaseActions {
  if (atLeast(spec.flux.minimumVersion, RETRY_ON_FAILURE_SINCE)) {
    const strategy = { name: 'RetryOnFailure', retryInterval: '5m' };
    return { install: { strategy }, upgrade: { strategy } };
  }
  return {
    install: { remediation: { retries: 3 } },
    upgrade: { remediation: { retries: 0 } },
  };
}
