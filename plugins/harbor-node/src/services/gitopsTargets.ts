import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { GitCredentials, gitCredentialsFor } from './gitCredentials';

/**
 * What a commit of `harbor:gitops:commit` delivers: the platform's manifests (`harbor:platform:render`) or a
 * team's robot credential deliveries (`harbor:team:render`).
 * @public
 */
export type GitopsPurpose = 'platform' | 'team';

/** The purposes, in the order the docs list them. @public */
export const GITOPS_PURPOSES: readonly GitopsPurpose[] = ['platform', 'team'];

/**
 * A repository `harbor:gitops:commit` may write to (`harbor.gitops.repositories[]`), with what for and where.
 * @public
 */
export interface GitopsRepository {
  /** The http(s) URL, normalised (`new URL(url).href` without a trailing `/`). */
  url: string;
  /** What may be committed there. */
  purposes: GitopsPurpose[];
  /** The branch Flux applies: never pushed to directly unless `allowBaseBranch`; new branches start from it. */
  baseBranch: string;
  /** Whether commits may go to `baseBranch` itself, bypassing review. */
  allowBaseBranch: boolean;
  /** The teams folder: a team's deliveries only under `<teamPath>/<owner name>/`. */
  teamPath: string;
  /** The platform folder: commits under it only with `harbor.platform.update`; '' for the whole repository. */
  platformPath: string;
}

/**
 * The defaults of a repository entry. `teamPath` is where `harbor:team:render` writes by default (the platform's
 * `flux.basePath` + `/teams`), so the onboarding template's commits land where the platform's Flux applies them.
 * @public
 */
export const GITOPS_REPOSITORY_DEFAULTS = {
  purposes: [...GITOPS_PURPOSES],
  baseBranch: 'main',
  allowBaseBranch: false,
  teamPath: 'platform/harbor/teams',
  platformPath: 'platform',
} as const;

/** The Git repositories `harbor:gitops:commit` writes to. @public */
export interface GitopsTargets {
  /** The repository a template's commit goes to when it names none (`harbor.gitops.defaultRepoUrl`). */
  defaultRepoUrl(): string | undefined;
  /**
   * The only repositories commits may go to (`harbor.gitops.repositories`); without that list, the default
   * repository alone, for both purposes, with the defaults.
   */
  repositories(): GitopsRepository[];
  /** Basic-auth credentials for the host of an http(s) repository URL; undefined when none are configured. */
  credentialsFor(repoUrl: string): GitCredentials | undefined;
}

/**
 * A repository URL as compared with the allow-list: parsed, without a trailing `/`; undefined when no URL.
 * @public
 */
export function normalizeRepoUrl(url: string): string | undefined {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** A folder as configured: `/`-separated, without leading `./` or `/` and trailing `/`; '.' is the root, ''. */
function folder(value: string, key: string, root: boolean): string {
  const cleaned = value === '.' ? '' : value.replace(/^(\.\/)+|^\/+|\/+$/g, '');
  if (
    (!cleaned && !root) ||
    (cleaned && cleaned.split('/').some(p => p === '..' || p === '.' || !p))
  )
    throw new Error(
      `${key} must be a folder of the repository such as platform/harbor/teams ('/'-separated, no '.' or '..'${
        root ? ", or '.' for the whole repository" : ''
      }), not '${value}'`,
    );
  return cleaned;
}

/**
 * One allow-list entry with the defaults applied ({@link GITOPS_REPOSITORY_DEFAULTS}); throws for a URL or
 * folder that is none.
 * @public
 */
export function gitopsRepository(
  entry: { url: string } & Partial<Omit<GitopsRepository, 'url'>>,
  key = 'harbor.gitops.repositories[]',
): GitopsRepository {
  const url = normalizeRepoUrl(entry.url);
  const parsed = url ? new URL(url) : undefined;
  if (
    !url ||
    !parsed ||
    !/^https?:$/.test(parsed.protocol) ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash
  )
    throw new Error(
      `${key}.url must be an http(s) URL of a Git repository without credentials, query or fragment`,
    );
  const purposes = entry.purposes ?? [...GITOPS_REPOSITORY_DEFAULTS.purposes];
  const unknown = purposes.filter(p => !GITOPS_PURPOSES.includes(p));
  if (unknown.length > 0 || purposes.length === 0)
    throw new Error(
      `${key}.purposes must list one or more of ${GITOPS_PURPOSES.join(
        ', ',
      )}, not '${purposes.join(', ')}'`,
    );
  return {
    url,
    purposes,
    baseBranch: entry.baseBranch ?? GITOPS_REPOSITORY_DEFAULTS.baseBranch,
    allowBaseBranch:
      entry.allowBaseBranch ?? GITOPS_REPOSITORY_DEFAULTS.allowBaseBranch,
    teamPath: folder(
      entry.teamPath ?? GITOPS_REPOSITORY_DEFAULTS.teamPath,
      `${key}.teamPath`,
      false,
    ),
    platformPath: folder(
      entry.platformPath ?? GITOPS_REPOSITORY_DEFAULTS.platformPath,
      `${key}.platformPath`,
      true,
    ),
  };
}

/**
 * `harbor.gitops.repositories`, or, when absent, the default repository alone with both purposes (so a config
 * with only `defaultRepoUrl` keeps working and nothing else is reachable); none without either.
 * @public
 */
export function gitopsRepositoriesFromConfig(
  config: Config,
  defaultRepoUrl = config.getOptionalString('harbor.gitops.defaultRepoUrl'),
): GitopsRepository[] {
  const entries = config.getOptionalConfigArray('harbor.gitops.repositories');
  if (!entries) {
    // The key in messages: harbor.gitops.defaultRepoUrl itself.
    const key = 'harbor.gitops.defaultRepoUrl as repository';
    return defaultRepoUrl
      ? [gitopsRepository({ url: defaultRepoUrl }, key)]
      : [];
  }
  return entries.map((c, i) =>
    gitopsRepository(
      {
        url: c.getString('url'),
        purposes: c.getOptionalStringArray('purposes') as
          | GitopsPurpose[]
          | undefined,
        baseBranch: c.getOptionalString('baseBranch'),
        allowBaseBranch: c.getOptionalBoolean('allowBaseBranch'),
        teamPath: c.getOptionalString('teamPath'),
        platformPath: c.getOptionalString('platformPath'),
      },
      `harbor.gitops.repositories[${i}]`,
    ),
  );
}

/**
 * `harbor.gitops.defaultRepoUrl`, the allow-list `harbor.gitops.repositories`, and credentials from
 * `harbor.gitops.credentials` or the integrations.
 * @public
 */
export function gitopsTargetsFromConfig(config: Config): GitopsTargets {
  return {
    defaultRepoUrl: () =>
      config.getOptionalString('harbor.gitops.defaultRepoUrl'),
    repositories: () => gitopsRepositoriesFromConfig(config),
    credentialsFor: repoUrl => gitCredentialsFor(config, repoUrl),
  };
}

/**
 * The Git repositories of `harbor:gitops:commit`, by default from `harbor.gitops`. A backend may provide its own
 * factory (the demo portal does, with an embedded Git server).
 * @public
 */
export const gitopsTargetsServiceRef = createServiceRef<GitopsTargets>({
  id: 'harbor.gitops-targets',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => gitopsTargetsFromConfig(config),
    }),
});
