import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { GitCredentials, gitCredentialsFor } from './gitCredentials';

/** The Git repositories `harbor:gitops:commit` writes to. @public */
export interface GitopsTargets {
  /** The repository a template's commit goes to when it names none (`harbor.gitops.defaultRepoUrl`). */
  defaultRepoUrl(): string | undefined;
  /** Basic-auth credentials for the host of an http(s) repository URL; undefined when none are configured. */
  credentialsFor(repoUrl: string): GitCredentials | undefined;
}

/** `harbor.gitops.defaultRepoUrl`, and credentials from `harbor.gitops.credentials` or the integrations. @public */
export function gitopsTargetsFromConfig(config: Config): GitopsTargets {
  return {
    defaultRepoUrl: () =>
      config.getOptionalString('harbor.gitops.defaultRepoUrl'),
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
