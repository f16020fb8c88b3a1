import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import { z } from 'zod';
import type { EntityResolver, ResolvedEntity } from './EntityResolver';

const entityParams = z.object({
  namespace: z.string().min(1).max(253),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});

/** A request's params or query checked against a schema, or a 400 saying what was wrong. */
export function parse<T>(
  schema: z.ZodType<T, any, any>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${issues}`);
  }
  return result.data;
}

/**
 * The entity an `/entities/:namespace/:kind/:name/...` request names, read with the caller's credentials and
 * authorized for the permission: 401 without credentials, 404 when the caller cannot see it, 403 when denied.
 */
export function createEntityRequestResolver(options: {
  httpAuth: HttpAuthService;
  resolver: EntityResolver;
}) {
  return async (
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<ResolvedEntity> => {
    const ref = parse(entityParams, req.params, 'entity reference');
    const credentials = await options.httpAuth.credentials(req);
    return options.resolver.resolve(ref, permission, credentials);
  };
}
