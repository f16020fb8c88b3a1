import type { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { createMigrationInventoryAction } from './migrateInventory';
import { createMigrationReplicateAction } from './migrateReplicate';
import { createMigrationVerifyAction } from './migrateVerify';

/** The `harbor:migration:*` actions: the old docker-registry to Harbor. */
export function createMigrationActions(options: {
  clients: HarborClients;
  config: Config;
}) {
  return [
    createMigrationInventoryAction(options),
    createMigrationReplicateAction(options),
    createMigrationVerifyAction(options),
  ];
}
