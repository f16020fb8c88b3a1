import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  gitopsRepository,
  gitopsTargetsFromConfig,
  gitopsTargetsServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import { startGitServer } from '@backstage-harbor/git-server';
import { randomBytes } from 'node:crypto';

/** The repository of the embedded Git server the demo's templates commit to. */
export const EMBEDDED_GITOPS_REPOSITORY = 'platform';
/** The user that pushes to the embedded Git server; its password is generated at each start. */
export const EMBEDDED_GIT_USER = 'backstage';

/**
 * Where the demo portal's `harbor:gitops:commit` writes: `harbor.gitops` when configured, otherwise a Git
 * smart-HTTP server on loopback (`git http-backend`, packages/git-server) with one repository, so the platform and
 * onboarding templates commit out of the box (it is the only repository they may commit to, with the defaults of
 * `harbor.gitops.repositories`). Its push credentials are generated here and live only in memory:
 * they are never logged or written to config. Fetches need no credentials (loopback only), so the commits can be
 * read with `git clone http://127.0.0.1:7010/platform.git`.
 */
export const embeddedGitopsTargetsFactory = createServiceFactory({
  service: gitopsTargetsServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
  },
  async factory({ config, logger, lifecycle }) {
    const configured = gitopsTargetsFromConfig(config);
    if (config.has('harbor.gitops')) return configured;

    const password = randomBytes(24).toString('base64url');
    const server = await startGitServer({
      // A fixed port keeps the default repository URL stable across restarts of the demo portal.
      port: config.getOptionalNumber('gitServer.port') ?? 7010,
      // Bare repositories in a new temporary directory, removed at shutdown: the demo's data is in memory too.
      root: config.getOptionalString('gitServer.root'),
      users: [{ username: EMBEDDED_GIT_USER, password }],
    });
    lifecycle.addShutdownHook(() => server.stop());
    const repoUrl = server.createRepository(EMBEDDED_GITOPS_REPOSITORY);
    const host = new URL(server.url).host;
    logger.info(
      `No Git repository configured for GitOps (harbor.gitops): the templates commit to ${repoUrl}, a repository of the embedded Git server (bare repositories in ${server.root}; pushes use credentials generated at start, clones need none)`,
    );
    // The only repository commits may go to, for both templates: the platform's under platform/, a team's
    // deliveries under platform/harbor/teams/<owner name>/, never on main (a review branch each).
    const repository = gitopsRepository({ url: repoUrl });
    return {
      defaultRepoUrl: () => repoUrl,
      repositories: () => [repository],
      credentialsFor: url =>
        new URL(url).host === host
          ? { username: EMBEDDED_GIT_USER, password }
          : configured.credentialsFor(url),
    };
  },
});
