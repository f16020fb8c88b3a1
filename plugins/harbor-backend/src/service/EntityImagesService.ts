import {
  type HarborArtifact as HarborApiArtifact,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  EntityImages,
  HarborArtifact,
  HarborRepositoryImages,
} from '@backstage-harbor/plugin-harbor-common';
import {
  harborArtifactUrl,
  harborRepositoryUrl,
} from '../mapping/harborUiLinks';
import { toScanSummary } from '../mapping/scanOverview';
import { ProjectPullPolicy, toSupplyChain } from '../mapping/supplyChain';
import { readRepositoryProject } from './projectPullPolicy';
import { CachedHarborReads, SharedCached } from './HarborCache';
import { EntityRepository } from './EntityResolver';
import { harborUnavailable, isHarborUnavailable } from './harborErrors';

/** The cache key of a repository: configured instance name and annotation-parsed names only. */
export function repositoryKey(repo: EntityRepository): string {
  return `${repo.instance.name}|${repo.project}|${repo.repository}`;
}

export function toHarborArtifact(
  artifact: HarborApiArtifact,
  repo: EntityRepository,
  projectId: number,
  policy?: ProjectPullPolicy,
): HarborArtifact {
  const digest = artifact.digest ?? '';
  const scan = toScanSummary(artifact.scan_overview, artifact.type);
  return {
    digest,
    tags: (artifact.tags ?? [])
      .map(t => t.name)
      .filter((name): name is string => !!name),
    size: artifact.size ?? 0,
    pushTime: artifact.push_time || undefined,
    pullTime:
      artifact.pull_time && !artifact.pull_time.startsWith('0001-')
        ? artifact.pull_time
        : undefined,
    type: artifact.type || undefined,
    scan,
    harborUrl: harborArtifactUrl(
      repo.instance.uiUrl,
      projectId,
      repo.project,
      repo.repository,
      digest,
    ),
    ...toSupplyChain(artifact.accessories, scan, policy),
  };
}

/**
 * The images of an entity: every artifact of every repository it names, with tags, scan overviews and the
 * project's pull policy. Per repository, one project read beside one artifact list call per 100 artifacts; none
 * while the cache is warm.
 */
export class EntityImagesService {
  static create(options: CachedHarborReads): EntityImagesService {
    return new EntityImagesService(options);
  }

  constructor(private readonly options: CachedHarborReads) {}

  async getEntityImages(
    repositories: EntityRepository[],
  ): Promise<EntityImages> {
    const { results, stale, fetchedAt } = await this.#repositories(
      repositories,
    );
    return { repositories: results.map(r => r.value), stale, fetchedAt };
  }

  /**
   * `JSON.stringify(await getEntityImages(repositories))`, built from each repository's JSON as cached: the
   * entity view is the hottest route, and its repositories can hold thousands of artifacts.
   */
  async getEntityImagesJson(repositories: EntityRepository[]): Promise<string> {
    const { results, stale, fetchedAt } = await this.#repositories(
      repositories,
    );
    return `{"repositories":[${results
      .map(r => r.json)
      .join(',')}],"stale":${stale},"fetchedAt":${JSON.stringify(fetchedAt)}}`;
  }

  async #repositories(repositories: EntityRepository[]) {
    const results = await Promise.all(
      repositories.map(repo => this.getRepository(repo)),
    );
    const fetchedAt = results
      .map(r => r.fetchedAt)
      .reduce<string | undefined>(
        (oldest, t) => (oldest === undefined || t < oldest ? t : oldest),
        undefined,
      );
    return {
      results,
      stale: results.some(r => r.stale),
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
  }

  /** One repository, from the cache or Harbor; a 503 naming the instance when Harbor is down and nothing is cached. */
  async getRepository(
    repo: EntityRepository,
  ): Promise<SharedCached<HarborRepositoryImages>> {
    try {
      // Shared and frozen: callers only read it.
      return await this.options.cache.getShared(
        `images:v1:${repositoryKey(repo)}`,
        this.options.ttlMs,
        () => this.#fetch(repo),
      );
    } catch (error) {
      if (isHarborUnavailable(error)) {
        const unavailable = harborUnavailable(repo.instance.name, error);
        this.options.logger.warn(
          `Images of ${repo.project}/${repo.repository}: ${unavailable.message}`,
        );
        throw unavailable;
      }
      throw error;
    }
  }

  async #fetch(repo: EntityRepository): Promise<HarborRepositoryImages> {
    const client = this.options.clients.forInstance(repo.instance.name);
    let artifacts: HarborApiArtifact[] = [];
    // One project read, beside the artifact list: its pull policy, and its id when no artifact carries it.
    const project = readRepositoryProject(
      client,
      repo.project,
      this.options.logger,
    );
    try {
      artifacts = await client.artifacts.list(repo.project, repo.repository, {
        with_tag: true,
        with_scan_overview: true,
        with_accessory: true,
      });
    } catch (error) {
      // A repository named by an annotation but not (yet) pushed: shown empty rather than failing the card.
      if (!isHarborNotFound(error)) throw error;
      this.options.logger.debug(
        `Harbor instance '${repo.instance.name}' has no repository ${repo.project}/${repo.repository}`,
      );
    }
    const { pullPolicy, projectId: readProjectId } = await project;
    const projectId =
      artifacts.find(a => a.project_id !== undefined)?.project_id ??
      readProjectId();
    return {
      instance: repo.instance.name,
      project: repo.project,
      repository: repo.repository,
      harborUrl:
        projectId === undefined
          ? `${repo.instance.uiUrl}/harbor/projects`
          : harborRepositoryUrl(
              repo.instance.uiUrl,
              projectId,
              repo.project,
              repo.repository,
            ),
      artifacts:
        projectId === undefined
          ? []
          : artifacts.map(a =>
              toHarborArtifact(a, repo, projectId, pullPolicy),
            ),
    };
  }
}
