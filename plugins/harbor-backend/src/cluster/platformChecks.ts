import {
  PLATFORM_CHECK_RUNBOOK,
  PlatformCheck,
  PlatformCheckKind,
  PlatformCheckStatus,
} from '@backstage-harbor/plugin-harbor-common';
import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { CustomObject } from '@backstage-harbor/plugin-harbor-node';

/*
 * One function per kind of object: what its controller's status says about the Harbor platform. Pure, so that
 * each rule is tested on its own; the service only reads the cluster and sorts.
 */

const DAY_MS = 86_400_000;
/** A daily ScheduledBackup plus slack, as the HarborDatabaseBackupStale alert counts it. */
export const BACKUP_MAX_AGE_MS = 26 * 3_600_000;
/** cert-manager renews at 2/3 of the lifetime; two weeks left means renewal is failing. */
export const CERTIFICATE_WARNING_MS = 14 * DAY_MS;

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function check(
  kind: PlatformCheckKind,
  objectKind: string,
  name: string,
  status: PlatformCheckStatus,
  message: string,
): PlatformCheck {
  return {
    id: `${kind}/${name}`,
    kind,
    title: `${objectKind} ${name}`,
    status,
    message,
    runbook: PLATFORM_CHECK_RUNBOOK[kind],
  };
}

function readyCondition(object: CustomObject): Condition | undefined {
  const conditions = (object.status?.conditions ?? []) as Condition[];
  return conditions.find(c => c.type === 'Ready');
}

function ageText(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
  if (ms < 2 * DAY_MS) return `${Math.round(ms / 3_600_000)} hours`;
  return `${Math.round(ms / DAY_MS)} days`;
}

/** Flux's kstatus: Ready True is reconciled, False failed, Unknown still reconciling. */
function fluxStatus(object: CustomObject): {
  status: PlatformCheckStatus;
  text: string;
} {
  const ready = readyCondition(object);
  if (!ready) return { status: 'unknown', text: 'no Ready condition yet' };
  const text = [ready.reason, ready.message].filter(Boolean).join(': ');
  if (ready.status === 'True') return { status: 'ok', text };
  if (ready.status === 'False') return { status: 'error', text };
  return { status: 'warning', text: `reconciling: ${text}` };
}

export function workloadCheck(
  kind: 'Deployment' | 'StatefulSet',
  workload: V1Deployment | V1StatefulSet,
): PlatformCheck {
  const name = workload.metadata?.name ?? '?';
  const wanted = workload.spec?.replicas ?? 1;
  const ready = workload.status?.readyReplicas ?? 0;
  const message = `${ready}/${wanted} replicas ready`;
  let status: PlatformCheckStatus = 'ok';
  if (ready < wanted) status = ready === 0 ? 'error' : 'warning';
  if (wanted === 0) status = 'warning';
  return check(
    'workload',
    kind,
    name,
    status,
    wanted === 0 ? 'scaled to 0 replicas' : message,
  );
}

/** The chart version the HelmRelease last released: the newest history snapshot. */
export function chartVersionOf(release: CustomObject): string | undefined {
  const history = (release.status?.history ?? []) as Array<{
    chartName?: string;
    chartVersion?: string;
  }>;
  return history[0]?.chartVersion;
}

export function helmReleaseCheck(release: CustomObject): PlatformCheck {
  const name = release.metadata?.name ?? '?';
  const { status, text } = fluxStatus(release);
  const history = (release.status?.history ?? []) as Array<{
    chartName?: string;
    chartVersion?: string;
  }>;
  const chart = history[0]?.chartVersion
    ? `chart ${history[0].chartName ?? name}@${history[0].chartVersion}`
    : 'no release yet';
  const attempted = release.status?.lastAttemptedRevision as string | undefined;
  const pending =
    attempted && attempted !== history[0]?.chartVersion
      ? `, ${attempted} attempted`
      : '';
  return check(
    'helm-release',
    'HelmRelease',
    name,
    status,
    `${chart}${pending}; ${text}`,
  );
}

export function ociRepositoryCheck(repository: CustomObject): PlatformCheck {
  const name = repository.metadata?.name ?? '?';
  const { status, text } = fluxStatus(repository);
  const revision = repository.status?.artifact?.revision as string | undefined;
  const message = revision
    ? `${revision.split('@')[0]} from ${repository.spec?.url ?? '?'}; ${text}`
    : text;
  return check('oci-repository', 'OCIRepository', name, status, message);
}

const CNPG_HEALTHY = 'Cluster in healthy state';

export function databaseCheck(cluster: CustomObject): PlatformCheck {
  const name = cluster.metadata?.name ?? '?';
  const phase = cluster.status?.phase as string | undefined;
  if (!phase) {
    return check(
      'database',
      'Cluster',
      name,
      'unknown',
      'the operator has not reported a phase yet',
    );
  }
  const wanted = (cluster.status?.instances ??
    cluster.spec?.instances ??
    1) as number;
  const ready = (cluster.status?.readyInstances ?? 0) as number;
  const reason = cluster.status?.phaseReason as string | undefined;
  const message = `${phase}${
    reason ? ` (${reason})` : ''
  }; ${ready}/${wanted} instances ready, primary ${
    cluster.status?.currentPrimary ?? 'unknown'
  }`;
  let status: PlatformCheckStatus = 'ok';
  if (ready === 0) status = 'error';
  else if (phase !== CNPG_HEALTHY || ready < wanted) status = 'warning';
  return check('database', 'Cluster', name, status, message);
}

export function databaseBackupCheck(
  cluster: CustomObject,
  now: number,
): PlatformCheck {
  const name = cluster.metadata?.name ?? '?';
  const lastSuccess = cluster.status?.lastSuccessfulBackup as
    | string
    | undefined;
  const lastFailure = cluster.status?.lastFailedBackup as string | undefined;
  const kind = 'database-backup';
  if (!lastSuccess) {
    return check(kind, 'Backups of', name, 'error', 'no successful backup yet');
  }
  const age = now - Date.parse(lastSuccess);
  const failedSince =
    lastFailure && Date.parse(lastFailure) > Date.parse(lastSuccess)
      ? `; the last backup failed ${ageText(now - Date.parse(lastFailure))} ago`
      : '';
  const message = `last successful backup ${ageText(
    age,
  )} ago (${lastSuccess})${failedSince}`;
  let status: PlatformCheckStatus = 'ok';
  if (age > BACKUP_MAX_AGE_MS) status = 'error';
  else if (failedSince) status = 'warning';
  return check(kind, 'Backups of', name, status, message);
}

export function dragonflyCheck(dragonfly: CustomObject): PlatformCheck {
  const name = dragonfly.metadata?.name ?? '?';
  const phase = dragonfly.status?.phase as string | undefined;
  const rolling = dragonfly.status?.isRollingUpdate === true;
  if (!phase) {
    return check(
      'dragonfly',
      'Dragonfly',
      name,
      'unknown',
      'the operator has not reported a phase yet',
    );
  }
  if (phase === 'ready') {
    return check(
      'dragonfly',
      'Dragonfly',
      name,
      rolling ? 'warning' : 'ok',
      rolling ? 'ready, rolling update in progress' : 'ready',
    );
  }
  // `configuring-replication` passes during a failover; `resources-created` means it never became ready.
  return check(
    'dragonfly',
    'Dragonfly',
    name,
    phase === 'configuring-replication' ? 'warning' : 'error',
    `phase ${phase}`,
  );
}

export function certificateCheck(
  certificate: CustomObject,
  now: number,
): PlatformCheck {
  const name = certificate.metadata?.name ?? '?';
  const ready = readyCondition(certificate);
  const notAfter = certificate.status?.notAfter as string | undefined;
  const left = notAfter ? Date.parse(notAfter) - now : undefined;
  let expiry = 'not issued yet';
  if (left !== undefined) {
    expiry =
      left <= 0
        ? `expired ${ageText(-left)} ago (${notAfter})`
        : `expires in ${ageText(left)} (${notAfter})`;
  }
  let status: PlatformCheckStatus = 'ok';
  if (left !== undefined && left <= 0) status = 'error';
  else if (ready?.status === 'False') status = 'error';
  else if (!ready || left === undefined) status = 'unknown';
  else if (left < CERTIFICATE_WARNING_MS) status = 'warning';
  const reason =
    ready && ready.status !== 'True' && ready.message
      ? `; ${ready.message}`
      : '';
  return check(
    'certificate',
    'Certificate',
    name,
    status,
    `${expiry}${reason}`,
  );
}

export function externalSecretCheck(secret: CustomObject): PlatformCheck {
  const name = secret.metadata?.name ?? '?';
  const ready = readyCondition(secret);
  const refreshed = secret.status?.refreshTime as string | undefined;
  if (!ready) {
    return check(
      'external-secret',
      'ExternalSecret',
      name,
      'unknown',
      'not synced yet',
    );
  }
  if (ready.status === 'True') {
    return check(
      'external-secret',
      'ExternalSecret',
      name,
      'ok',
      `${ready.reason ?? 'SecretSynced'}${
        refreshed ? `, refreshed ${refreshed}` : ''
      }`,
    );
  }
  return check(
    'external-secret',
    'ExternalSecret',
    name,
    'error',
    [ready.reason, ready.message].filter(Boolean).join(': '),
  );
}

/** A check for a kind of object the namespace lacks: the CRD is not installed, or nothing was deployed. */
export function missingCheck(
  kind: PlatformCheckKind,
  objectKind: string,
  namespace: string,
  served: boolean,
): PlatformCheck {
  return {
    id: `${kind}/*`,
    kind,
    title: objectKind,
    status: 'unknown',
    message: served
      ? `no ${objectKind} in namespace ${namespace}`
      : `the cluster does not serve ${objectKind} (is its operator installed?)`,
    runbook: PLATFORM_CHECK_RUNBOOK[kind],
  };
}
