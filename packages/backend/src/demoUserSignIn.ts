import {
  CatalogUserSignInTiming,
  createCatalogUserSignInModule,
} from './guestSignIn';

/**
 * The demo's sign-ins as a member of a product team, beside the guest (the platform team): alice of team-a and
 * bob of team-b in examples/org.yaml. The sign-in page offers them (packages/app/src/modules/signIn).
 */
export const DEMO_USER_PROVIDER_IDS = ['demo-alice', 'demo-bob'];

/**
 * DEMO ONLY: sign-ins that check no identity, so that one browser can show what the permission policy lets each
 * team do. Each works exactly as the guest sign-in (development only unless
 * `auth.providers.<id>.dangerouslyAllowOutsideDevelopment`), as the catalog user its config names
 * (`auth.providers.demo-bob.userEntityRef: user:default/bob`), and only when `auth.providers` configures it.
 * A real portal signs users in through its identity provider instead and installs none of this.
 */
export function createDemoUserSignInModule(
  options: CatalogUserSignInTiming = {},
) {
  return createCatalogUserSignInModule(
    'demo-user-provider',
    config =>
      DEMO_USER_PROVIDER_IDS.flatMap(providerId => {
        const providerConfig = config.getOptionalConfig(
          `auth.providers.${providerId}`,
        );
        if (!providerConfig) return [];
        // Never the guest's default user: a demo sign-in names its user.
        providerConfig.getString('userEntityRef');
        return [[providerId, providerConfig] as const];
      }),
    options,
  );
}

export default createDemoUserSignInModule();
