import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { guestAuthenticator, guestSignInResolver } from './guestSignIn';

/**
 * The demo's sign-ins as a member of a product team, beside the guest (the platform team): alice of team-a and
 * bob of team-b in examples/org.yaml. The sign-in page offers them (packages/app/src/modules/signIn).
 */
export const DEMO_USER_PROVIDER_IDS = ['demo-alice', 'demo-bob'];

/** How long after start-up a demo sign-in waits for the catalog's first load of its user, as the guest's does. */
const CATALOG_LOAD_WINDOW_MS = 120_000;
const POLL_MS = 500;

/**
 * DEMO ONLY: sign-ins that check no identity, so that one browser can show what the permission policy lets each
 * team do. Each works exactly as the guest sign-in (development only unless
 * `auth.providers.<id>.dangerouslyAllowOutsideDevelopment`), as the catalog user its config names
 * (`auth.providers.demo-bob.userEntityRef: user:default/bob`), and only when `auth.providers` configures it.
 * A real portal signs users in through its identity provider instead and installs none of this.
 */
export function createDemoUserSignInModule(
  options: { catalogLoadWindowMs?: number; pollMs?: number } = {},
) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId: 'demo-user-provider',
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ providers, config, logger }) {
          const waitUntil =
            Date.now() +
            (options.catalogLoadWindowMs ?? CATALOG_LOAD_WINDOW_MS);
          for (const providerId of DEMO_USER_PROVIDER_IDS) {
            const providerConfig = config.getOptionalConfig(
              `auth.providers.${providerId}`,
            );
            if (!providerConfig) continue;
            // Never the guest's default user: a demo sign-in names its user.
            providerConfig.getString('userEntityRef');
            providers.registerProvider({
              providerId,
              factory: createProxyAuthProviderFactory({
                authenticator: guestAuthenticator,
                signInResolver: guestSignInResolver(
                  providerId,
                  providerConfig,
                  { logger, waitUntil, pollMs: options.pollMs ?? POLL_MS },
                ),
              }),
            });
          }
        },
      });
    },
  });
}

export default createDemoUserSignInModule();
