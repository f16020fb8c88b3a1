import {
  type HarborArtifact as HarborApiArtifact,
  type HarborClients,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  EntityImages,
  HarborArtifact,
  HarborDataStatus,
  HarborRepositoryImages,
} from '@backstage-harbor/plugin-harbor-common';
import {
  harborArtifactUrl,
  harborRepositoryUrl,
} from '../mapping/harborUiLinks';
import { toScanSummary } from '../mapping/scanOverview';
import { ProjectPullPolicy, toSupplyChain } from '../mapping/supplyChain';
import { readRepositoryProject } from './projectPullPolicy';
import { assertCredentialsAccepted } from './settledConnection';
import { CachedHarborReads, SharedCached } from './HarborCache';
import { EntityRepository } from './EntityResolver';
import {
  HarborInstanceError,
  failedStatus,
  harborUnavailable,
  isHarborUnavailable,
} from './harborErrors';

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
 * A repository's images as cached: without a status (it depends on when it is read), except for a repository
 * Harbor does not have, whose `not-found` is part of what Harbor said.
 */
export type CachedRepositoryImages = Omit<HarborRepositoryImages, 'status'> & {
  status?: HarborDataStatus;
};

/** One repository of an entity view: its images (none when it could not be read), their JSON, and its status. */
export interface RepositoryRead {
  value: CachedRepositoryImages;
  /** `JSON.stringify(value)`, status included. */
  json: string;
  status: HarborDataStatus;
  /** Why it could not be read: the 503 of a view that could read nothing. */
  failure?: Error;
}

/** `json` (an object's JSON) with `"status"` added last, without parsing it again. */
function withStatus(json: string, status: HarborDataStatus): string {
  return `${json.slice(0, -1)},"status":${JSON.stringify(status)}}`;
}

/** The message of a repository Harbor reports as missing. */
function notFoundStatus(repo: EntityRepository): HarborDataStatus {
  return {
    state: 'not-found',
    message: `Harbor instance '${repo.instance.name}' has no repository ${repo.project}/${repo.repository}`,
  };
}

/**
 * The images of an entity: every artifact of every repository it names, with tags, scan overviews and the
 * project's pull policy. Per repository, one project read beside one artifact list call per 100 artifacts (and a
 * repository read when it lists none, to tell an empty repository from a missing one); none while the cache is
 * warm. A repository that cannot be read does not fail the others: it carries its own status.
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
    return {
      repositories: results.map(r => ({ ...r.value, status: r.status })),
      stale,
      fetchedAt,
    };
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

  /**
   * Every repository with its status. Only when none could be read (each one unreachable or refused) is the
   * answer a 503, since there is nothing to show: credentials rejected when any instance refused them.
   */
  async #repositories(repositories: EntityRepository[]) {
    const results = await Promise.all(
      repositories.map(repo => this.readRepository(repo)),
    );
    const failed = results.filter(
      r =>
        r.status.state === 'unreachable' ||
        r.status.state === 'credentials-rejected',
    );
    if (results.length > 0 && failed.length === results.length) {
      throw this.#failure(results);
    }
    const fetchedAt = results
      .map(r => r.status.fetchedAt)
      .reduce<string | undefined>(
        (oldest, t) =>
          t !== undefined && (oldest === undefined || t < oldest) ? t : oldest,
        undefined,
      );
    return {
      results,
      stale: results.some(
        r => r.status.state !== 'fresh' && r.status.state !== 'not-found',
      ),
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
  }

  #failure(results: RepositoryRead[]): Error {
    const rejected = results.find(
      r => r.status.state === 'credentials-rejected',
    );
    return (rejected ?? results[0]).failure!;
  }

  /** One repository with its status; never fails because Harbor cannot serve it. */
  async readRepository(repo: EntityRepository): Promise<RepositoryRead> {
    try {
      const read = await this.#cached(repo);
      // A missing repository's status is part of the cached value.
      if (read.value.status) {
        return {
          value: read.value,
          json: read.json,
          status: read.value.status,
        };
      }
      const status: HarborDataStatus = read.stale
        ? {
            state: 'stale',
            fetchedAt: read.fetchedAt,
            lastReachableAt: read.lastReachableAt,
          }
        : { state: 'fresh', fetchedAt: read.fetchedAt };
      return {
        value: read.value,
        json: withStatus(read.json, status),
        status,
      };
    } catch (error) {
      if (
        !isHarborUnavailable(error) &&
        !(error instanceof HarborInstanceError)
      )
        throw error;
      const lastReachableAt =
        await this.options.cache.reachability.lastReachableAt(
          repo.instance.name,
        );
      const failure = harborUnavailable(
        repo.instance.name,
        error,
        lastReachableAt,
      );
      const status = failedStatus(repo.instance.name, failure, lastReachableAt);
      this.options.logger.debug(
        `Images of ${repo.project}/${repo.repository}: ${status.message}`,
      );
      const value: HarborRepositoryImages = {
        instance: repo.instance.name,
        project: repo.project,
        repository: repo.repository,
        harborUrl: `${repo.instance.uiUrl}/harbor/projects`,
        artifacts: [],
        status,
      };
      return { value, json: JSON.stringify(value), status, failure };
    }
  }

  /**
   * One repository, from the cache or Harbor, for a route about that repository alone: a 503 naming the instance
   * when Harbor is down and nothing is cached.
   */
  async getRepository(
    repo: EntityRepository,
  ): Promise<SharedCached<CachedRepositoryImages>> {
    try {
      return await this.#cached(repo);
    } catch (error) {
      if (isHarborUnavailable(error)) {
        throw harborUnavailable(
          repo.instance.name,
          error,
          await this.options.cache.reachability.lastReachableAt(
            repo.instance.name,
          ),
        );
      }
      throw error;
    }
  }

  async #cached(repo: EntityRepository) {
    // Not even a cached copy of an instance that rejects the credentials.
    await assertCredentialsAccepted(this.options.clients, repo.instance.name);
    // Shared and frozen: callers only read it. The same key for every route that reads a repository's images.
    return this.options.cache.getShared(
      `images:v2:${repositoryKey(repo)}`,
      this.options.ttlMs,
      () => this.#fetch(repo),
      repo.instance.name,
    );
  }

  async #fetch(repo: EntityRepository): Promise<CachedRepositoryImages> {
    const client = this.options.clients.forInstance(repo.instance.name);
    // One project read, beside the artifact list: its pull policy, and its id when no artifact carries it.
    const project = readRepositoryProject(
      client,
      repo.project,
      this.options.logger,
    );
    let artifacts: HarborApiArtifact[];
    try {
      artifacts = await client.artifacts.list(repo.project, repo.repository, {
        with_tag: true,
        with_scan_overview: true,
        with_accessory: true,
      });
    } catch (error) {
      // Harbor answers 404 for a missing project; the project read settles too before this one returns.
      if (!isHarborNotFound(error)) throw error;
      const { projectId } = await project;
      let id: number | undefined;
      try {
        id = projectId();
      } catch {
        id = undefined; // only for the link
      }
      return this.#missing(repo, id);
    }
    const { pullPolicy, projectId: readProjectId } = await project;
    const projectId =
      artifacts.find(a => a.project_id !== undefined)?.project_id ??
      readProjectId();
    // Harbor lists no artifacts for a repository it does not have: ask whether it has it.
    if (
      projectId === undefined ||
      (artifacts.length === 0 && !(await this.#exists(client, repo)))
    ) {
      return this.#missing(repo, projectId);
    }
    return {
      instance: repo.instance.name,
      project: repo.project,
      repository: repo.repository,
      harborUrl: harborRepositoryUrl(
        repo.instance.uiUrl,
        projectId,
        repo.project,
        repo.repository,
      ),
      artifacts: artifacts.map(a =>
        toHarborArtifact(a, repo, projectId, pullPolicy),
      ),
    };
  }

  async #exists(
    client: ReturnType<HarborClients['forInstance']>,
    repo: EntityRepository,
  ): Promise<boolean> {
    try {
      await client.repositories.get(repo.project, repo.repository);
      return true;
    } catch (error) {
      if (isHarborNotFound(error)) return false;
      throw error;
    }
  }

  /** A repository Harbor does not have: a status the frontend shows instead of an empty table. */
  #missing(repo: EntityRepository, projectId?: number): CachedRepositoryImages {
    this.options.logger.debug(
      `Harbor instance '${repo.instance.name}' has no repository ${repo.project}/${repo.repository}`,
    );
    return {
      instance: repo.instance.name,
      project: repo.project,
      repository: repo.repository,
      harborUrl:
        projectId === undefined
          ? `${repo.instance.uiUrl}/harbor/projects`
          : `${repo.instance.uiUrl}/harbor/projects/${projectId}/repositories`,
      artifacts: [],
      status: notFoundStatus(repo),
    };
  }
}
