import { commonLabels, PlatformNames } from './names';
import type { HarborPlatformSpec } from './spec';
import type { KubernetesObject } from './types';

export interface HealthCheckExpr {
  apiVersion: string;
  kind: string;
  current: string;
  failed?: string;
}

export interface FluxKustomization extends KubernetesObject {
  spec: {
    interval: string;
    retryInterval: string;
    timeout: string;
    prune: boolean;
    wait: boolean;
    path: string;
    sourceRef: { kind: string; name: string };
    dependsOn?: { name: string }[];
    healthCheckExprs?: HealthCheckExpr[];
  };
}

/** An ExternalSecret is healthy once its Secret is written (ESO `Ready`, reason `SecretSynced`). */
export const EXTERNAL_SECRET_HEALTH: HealthCheckExpr = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  current:
    "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
  failed:
    "status.conditions.exists(e, e.type == 'Ready' && e.status == 'False' && e.reason == 'SecretSyncedError')",
};

/** A layer of the platform: one folder, one Flux Kustomization. */
export interface PlatformLayer {
  /** Folder under `flux.basePath`. */
  folder:
    | 'namespace'
    | 'secrets'
    | 'database'
    | 'dragonfly'
    | 'app'
    | 'monitoring'
    | 'dashboards'
    | 'teams';
  kustomization: string;
  dependsOn: string[];
  healthCheckExprs?: HealthCheckExpr[];
}

/**
 * Reconciliation order: namespace → secrets → database + Dragonfly → Harbor → team robot deliveries. Monitoring
 * (PodMonitor, alert rules) and dashboards need only the namespace: they apply while Harbor is failing, and a
 * missing grafana-operator fails only the dashboards layer. HelmRelease `dependsOn` only sees HelmReleases, so
 * the wait on the CNPG Cluster and Dragonfly happens here, with CEL health checks.
 */
export function platformLayers(
  names: PlatformNames,
  dashboards = true,
): PlatformLayer[] {
  const k = names.kustomizations;
  return [
    { folder: 'namespace', kustomization: k.namespace, dependsOn: [] },
    {
      folder: 'secrets',
      kustomization: k.secrets,
      dependsOn: [k.namespace],
      // kstatus ignores the `Ready` condition of custom resources, so `wait` alone passes before External
      // Secrets has written anything; a refused template (e.g. a core secretKey that is not 16 characters) fails.
      healthCheckExprs: [EXTERNAL_SECRET_HEALTH],
    },
    {
      folder: 'database',
      kustomization: k.database,
      dependsOn: [k.secrets],
      healthCheckExprs: [
        {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Cluster',
          // CNPG ConditionClusterReady; `exists` because `all()` is true on an empty list.
          current:
            "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
        },
      ],
    },
    {
      folder: 'dragonfly',
      kustomization: k.dragonfly,
      dependsOn: [k.secrets],
      healthCheckExprs: [
        {
          apiVersion: 'dragonflydb.io/v1alpha1',
          kind: 'Dragonfly',
          // Dragonfly has no conditions; kstatus alone would call it ready at once. `ready` is the legacy phase.
          current:
            "has(status.phase) && (status.phase == 'Ready' || status.phase == 'ready')",
        },
      ],
    },
    {
      folder: 'app',
      kustomization: k.app,
      dependsOn: [k.database, k.dragonfly],
    },
    {
      folder: 'monitoring',
      kustomization: k.monitoring,
      dependsOn: [k.namespace],
    },
    ...(dashboards
      ? [
          {
            folder: 'dashboards' as const,
            kustomization: k.dashboards,
            dependsOn: [k.namespace],
          },
        ]
      : []),
    { folder: 'teams', kustomization: k.teams, dependsOn: [k.app] },
  ];
}

export function layerPath(
  spec: HarborPlatformSpec,
  folder: PlatformLayer['folder'],
): string {
  return `${spec.flux.basePath}/${folder}`;
}

export function renderFluxKustomizations(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): FluxKustomization[] {
  const dashboards = spec.monitoring.dashboards !== 'none';
  return platformLayers(names, dashboards).map(layer => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: layer.kustomization,
      namespace: spec.flux.namespace,
      labels: commonLabels('flux'),
    },
    spec: {
      interval: spec.flux.interval,
      retryInterval: '2m',
      timeout: layer.folder === 'app' ? '20m' : '10m',
      prune: true,
      wait: true,
      path: `./${layerPath(spec, layer.folder)}`,
      sourceRef: { kind: spec.flux.sourceKind, name: spec.flux.sourceName },
      ...(layer.dependsOn.length
        ? { dependsOn: layer.dependsOn.map(name => ({ name })) }
        : {}),
      ...(layer.healthCheckExprs
        ? { healthCheckExprs: layer.healthCheckExprs }
        : {}),
    },
  }));
}
