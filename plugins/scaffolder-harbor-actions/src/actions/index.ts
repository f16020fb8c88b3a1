import {
  GitopsTargets,
  HarborClients,
  HarborProjectAuthorizer,
  RobotSecretStores,
  gitopsTargetsFromConfig,
  robotSecretStoresFromConfig,
} from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createCommitGitopsAction } from './commitGitops';
import { createEnsureProjectAction } from './ensureProject';
import { createEnsureImmutabilityAction } from './ensureImmutability';
import { createEnsureMembersAction } from './ensureMembers';
import { createEnsureRetentionAction } from './ensureRetention';
import { createEnsureRobotAction } from './ensureRobot';
import { createEnsureWebhookAction } from './ensureWebhook';
import { createMigrationInventoryAction } from './migrateInventory';
import { createMigrationReplicateAction } from './migrateReplicate';
import { createMigrationVerifyAction } from './migrateVerify';
import { createRenderPlatformAction } from './renderPlatform';
import { createRenderTeamAction } from './renderTeam';

/** What the Harbor actions need from the backend. */
export interface HarborActionsOptions {
  /** The Harbor clients of the configured instances (`harborClientsServiceRef`). */
  clients: HarborClients;
  /** The root config: `harbor.robotSecrets` and `harbor.members` are read from it when an action needs them. */
  config: Config;
  /** Where robot credentials go; by default the Kubernetes Secrets of `harbor.robotSecrets`. */
  robotSecretStores?: RobotSecretStores;
  /** The Git repositories of `harbor:gitops:commit`; by default from `harbor.gitops`. */
  gitopsTargets?: GitopsTargets;
  /** Decides the Harbor permissions of a task's initiator (`HarborProjectAuthorizer.create`). */
  authorizer: HarborProjectAuthorizer;
}

/** Every Harbor scaffolder action. */
export function createHarborActions(
  options: HarborActionsOptions,
): TemplateAction<any, any, any>[] {
  const robotSecretStores =
    options.robotSecretStores ?? robotSecretStoresFromConfig(options.config);
  return [
    createEnsureProjectAction(options),
    createEnsureRobotAction({
      clients: options.clients,
      authorizer: options.authorizer,
      secretStore: () => robotSecretStores.get(),
    }),
    createEnsureRetentionAction(options),
    createEnsureImmutabilityAction(options),
    createEnsureMembersAction(options),
    createEnsureWebhookAction(options),
    createMigrationInventoryAction(options),
    createMigrationReplicateAction(options),
    createMigrationVerifyAction(options),
    createRenderPlatformAction(options),
    createRenderTeamAction({
      ...options,
      secretStore: () => robotSecretStores.get(),
    }),
    createCommitGitopsAction({
      gitopsTargets:
        options.gitopsTargets ?? gitopsTargetsFromConfig(options.config),
      clients: options.clients,
      authorizer: options.authorizer,
    }),
  ];
}
