import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HARBOR_INSTANCE_ANNOTATION,
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  HarborArtifact,
  VulnerabilityTrend,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import pLimit from 'p-limit';
import { EntityImagesService, repositoryKey } from './EntityImagesService';
import { EntityRepository, EntityResolver } from './EntityResolver';
import { RepositorySnapshot, TrendStore } from './TrendStore';

/**
 * The artifact a repository's trend follows: the last pushed tagged one, since untagged artifacts are mostly
 * superseded builds; the last pushed of all when none is tagged.
 */
export function latestArtifact(
  artifacts: HarborArtifact[],
): HarborArtifact | undefined {
  const tagged = artifacts.filter(a => a.tags.length > 0);
  return (tagged.length > 0 ? tagged : artifacts).reduce<
    HarborArtifact | undefined
  >(
    (best, a) =>
      !best || (a.pushTime ?? '') > (best.pushTime ?? '') ? a : best,
    undefined,
  );
}

/**
 * The vulnerability trend: a scheduled task snapshots, for every repository that a catalog entity names, the
 * severity counts of its latest artifact; an entity's trend sums its repositories per snapshot.
 */
export class TrendService {
  static create(options: {
    auth: AuthService;
    catalog: CatalogService;
    resolver: EntityResolver;
    images: EntityImagesService;
    store: TrendStore;
    logger: LoggerService;
    retentionMs: number;
  }): TrendService {
    return new TrendService(
      options.auth,
      options.catalog,
      options.resolver,
      options.images,
      options.store,
      options.logger,
      options.retentionMs,
    );
  }

  constructor(
    private readonly auth: AuthService,
    private readonly catalog: CatalogService,
    private readonly resolver: EntityResolver,
    private readonly images: EntityImagesService,
    private readonly store: TrendStore,
    private readonly logger: LoggerService,
    private readonly retentionMs: number,
  ) {}

  /** Every repository named by an entity of the catalog, read with the plugin's own credentials. */
  async #annotatedRepositories(): Promise<EntityRepository[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${HARBOR_REPOSITORY_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          `metadata.annotations.${HARBOR_REPOSITORY_SLUG_ANNOTATION}`,
          `metadata.annotations.${HARBOR_INSTANCE_ANNOTATION}`,
        ],
      },
      { credentials },
    );
    const repositories = new Map<string, EntityRepository>();
    for (const entity of items) {
      try {
        const entityRef = stringifyEntityRef(entity);
        for (const repo of this.resolver.repositoriesOf(entity, entityRef)) {
          repositories.set(repositoryKey(repo), repo);
        }
      } catch (error) {
        this.logger.warn(`Trend snapshot skips an entity: ${error}`);
      }
    }
    return [...repositories.values()];
  }

  /** One snapshot run: what the scheduled task does. */
  async snapshot(signal?: AbortSignal): Promise<void> {
    const takenAt = new Date();
    const repositories = await this.#annotatedRepositories();
    const limit = pLimit(4);
    const snapshots = await Promise.all(
      repositories.map(repo =>
        limit(async (): Promise<RepositorySnapshot | undefined> => {
          if (signal?.aborted) return undefined;
          try {
            // Through the images cache: a warm cache costs Harbor nothing, and a cold one is warmed for the cards.
            const { value, stale } = await this.images.getRepository(repo);
            if (stale) return undefined;
            const latest = latestArtifact(value.artifacts);
            const scanned = latest?.scan.status === 'success';
            return {
              instance: repo.instance.name,
              project: repo.project,
              repository: repo.repository,
              digest: latest?.digest,
              scanned,
              counts: scanned ? latest!.scan.counts : emptySeverityCounts(),
            };
          } catch (error) {
            // Debug only: the instance's state change is logged once, and the run's count says how many were left out.
            this.logger.debug(
              `Trend snapshot of ${repo.project}/${repo.repository} on '${repo.instance.name}' failed: ${error}`,
            );
            return undefined;
          }
        }),
      ),
    );
    const written = snapshots.filter(
      (s): s is RepositorySnapshot => s !== undefined,
    );
    await this.store.addRun(takenAt, written);
    await this.store.prune(new Date(takenAt.getTime() - this.retentionMs));
    this.logger.info(
      `Harbor trend snapshot: ${written.length} of ${repositories.length} repositories`,
    );
  }

  async getTrend(
    repositories: EntityRepository[],
    from: Date,
    to: Date,
  ): Promise<VulnerabilityTrend> {
    const points = await this.store.trend(
      repositories.map(r => ({
        instance: r.instance.name,
        project: r.project,
        repository: r.repository,
      })),
      from,
      to,
    );
    return { points };
  }
}
