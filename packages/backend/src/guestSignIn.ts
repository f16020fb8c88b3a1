import {
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** How long after start-up a guest sign-in waits for the catalog's first load of its user. */
const CATALOG_LOAD_WINDOW_MS = 120_000;
const POLL_MS = 500;

function outsideDevelopment(config: Config): boolean {
  return (
    process.env.NODE_ENV !== 'development' &&
    config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !== true
  );
}

/** As Backstage's: no identity to check, and only in development unless the config says otherwise. */
const guestAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: ({ config }) => ({ disabled: outsideDevelopment(config) }),
  async authenticate(_, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        "The guest provider cannot be used outside of a development environment unless 'auth.providers.guest.dangerouslyAllowOutsideDevelopment' is enabled",
      );
    }
    return { result: {} };
  },
});

/** What a sign-in as a fixed catalog user needs besides its provider's config. */
interface CatalogUserSignInOptions {
  logger: LoggerService;
  /** Until when a user the catalog lacks is waited for (the catalog's first load). */
  waitUntil: number;
  pollMs: number;
}

/**
 * Signs in as the provider's `userEntityRef` (the guest's default when the config names none), waiting for the
 * catalog's first load of that user; see {@link createGuestSignInModule}.
 */
function guestSignInResolver(
  providerId: string,
  config: Config,
  options: CatalogUserSignInOptions,
): SignInResolver<unknown> {
  const userEntityRef =
    config.getOptionalString('userEntityRef') ??
    stringifyEntityRef({
      kind: 'user',
      namespace: 'development',
      name: 'guest',
    });
  const ownershipEntityRefs = config.getOptionalStringArray(
    'ownershipEntityRefs',
  ) ?? [userEntityRef];
  return async (_, ctx) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await ctx.signInWithCatalogUser({ entityRef: userEntityRef });
      } catch {
        // Not in the catalog (yet), or the catalog not up yet.
        if (Date.now() + options.pollMs > options.waitUntil) break;
        if (attempt === 0) {
          options.logger.info(
            `${providerId} sign-in waits for ${userEntityRef} in the catalog, which is still loading`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, options.pollMs));
      }
    }
    options.logger.warn(
      `${userEntityRef} is not in the catalog: the ${providerId} sign-in owns ${ownershipEntityRefs.join(
        ', ',
      )} (auth.providers.${providerId}.ownershipEntityRefs)`,
    );
    return ctx.issueToken({
      claims: { sub: userEntityRef, ent: ownershipEntityRefs },
    });
  };
}

/**
 * Backstage's guest sign-in (`@backstage/plugin-auth-backend-module-guest-provider`), except that right after
 * start-up it waits for the catalog to hold the guest's user.
 *
 * Backstage's resolver signs in as the catalog's user when there is one, and otherwise issues a token that owns
 * nothing but the user's ref. On a fresh demo portal the catalog (SQLite in memory) is still reading
 * examples/org.yaml when the guest first signs in, so that token lacks the platform team's membership for its
 * whole life and the migration page says "no access" until the guest signs in again. Ownership claims are made
 * at sign-in, and the catalog is where they come from, so the fix belongs here rather than in the permission
 * policy: within {@link CATALOG_LOAD_WINDOW_MS} of start-up the sign-in waits for the user; after it, a user the
 * catalog lacks is not coming and the guest signs in at once as Backstage's resolver would.
 */
export function createGuestSignInModule(options: CatalogUserSignInTiming = {}) {
  return createCatalogUserSignInModule(
    'guest-provider',
    config => [['guest', config.getConfig('auth.providers.guest')]],
    options,
  );
}

/** How long a sign-in waits for the catalog's first load of its user, and how often it looks; for tests. */
export interface CatalogUserSignInTiming {
  catalogLoadWindowMs?: number;
  pollMs?: number;
}

/**
 * An auth module that registers proxied providers which sign in, as the guest's does, as the catalog user their
 * config names: `providersOf` gives each provider's id and config.
 */
export function createCatalogUserSignInModule(
  moduleId: string,
  providersOf: (config: Config) => Array<[providerId: string, config: Config]>,
  options: CatalogUserSignInTiming,
) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ providers, config, logger }) {
          const timing = {
            logger,
            waitUntil:
              Date.now() +
              (options.catalogLoadWindowMs ?? CATALOG_LOAD_WINDOW_MS),
            pollMs: options.pollMs ?? POLL_MS,
          };
          for (const [providerId, providerConfig] of providersOf(config)) {
            providers.registerProvider({
              providerId,
              factory: createProxyAuthProviderFactory({
                authenticator: guestAuthenticator,
                signInResolver: guestSignInResolver(
                  providerId,
                  providerConfig,
                  timing,
                ),
              }),
            });
          }
        },
      });
    },
  });
}

export default createGuestSignInModule();
