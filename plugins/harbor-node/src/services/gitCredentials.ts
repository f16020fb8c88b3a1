import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/** Basic-auth credentials for one Git host. @public */
export interface GitCredentials {
  username: string;
  password: string;
}

/**
 * The basic-auth credentials for the host of a Git URL: first `harbor.gitops.credentials[]` (matched on `host`,
 * with the port when the URL has one), then the Backstage integrations that take a username and password
 * (`integrations.gitea`, `integrations.bitbucketServer`, `integrations.gerrit`). Undefined when none is configured.
 */
export function gitCredentialsFor(
  config: Config,
  repoUrl: string,
): GitCredentials | undefined {
  const url = new URL(repoUrl);
  const own = (config.getOptionalConfigArray('harbor.gitops.credentials') ?? [])
    .map(c => ({
      host: c.getString('host'),
      username: c.getString('username'),
      password: c.getString('password'),
    }))
    .find(c => c.host === url.host || c.host === url.hostname);
  if (own) return { username: own.username, password: own.password };

  const integrations = ScmIntegrations.fromConfig(config);
  const candidates = [
    integrations.gitea.byUrl(repoUrl)?.config,
    integrations.bitbucketServer.byUrl(repoUrl)?.config,
    integrations.gerrit.byUrl(repoUrl)?.config,
  ];
  for (const c of candidates) {
    if (c?.username && c?.password)
      return { username: c.username, password: c.password };
  }
  return undefined;
}
