import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  HARBOR_PROJECT_NAME_MAX,
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
} from '@backstage-harbor/plugin-harbor-common';
import { z } from 'zod';

/** The query of `GET /migration/status`: an optional Harbor project name (Harbor's rule). */
export const migrationStatusQuery = z
  .object({
    project: z
      .string()
      .max(HARBOR_PROJECT_NAME_MAX)
      .regex(
        HARBOR_PROJECT_NAME_PATTERN,
        `must be a Harbor project name: ${HARBOR_PROJECT_NAME_RULE}`,
      )
      .optional(),
  })
  .strict();

/** A basic permission (not about one entity): 403 unless the policy allows it. */
export async function authorizeBasic(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`This needs the permission ${permission.name}`);
  }
}
