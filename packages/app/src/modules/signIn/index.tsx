import {
  ApiBlueprint,
  createApiRef,
  createFrontendModule,
  discoveryApiRef,
  type BackstageIdentityApi,
  type ProfileInfoApi,
  type SessionApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { DemoUserAuth } from './DemoUserAuth';

type DemoUserAuthApi = ProfileInfoApi & BackstageIdentityApi & SessionApi;

/** DEMO ONLY: the team members one may sign in as besides the guest (examples/org.yaml, app-config.yaml). */
const demoUsers = [
  {
    providerId: 'demo-alice',
    title: 'Alice (team-a)',
    message:
      'Demo only: a member of team-a, the Payments team. Changes its own Harbor projects; sees no platform templates.',
  },
  {
    providerId: 'demo-bob',
    title: 'Bob (team-b)',
    message:
      'Demo only: a member of team-b, the Storefront team. Changes its own Harbor projects; sees no platform templates.',
  },
].map(user => ({
  ...user,
  apiRef: createApiRef<DemoUserAuthApi>().with({
    id: `app.demo-auth.${user.providerId}`,
    pluginId: 'app',
  }),
}));

const demoUserApis = demoUsers.map(({ providerId, apiRef }) =>
  ApiBlueprint.make({
    name: providerId,
    params: defineParams =>
      defineParams({
        api: apiRef,
        deps: { discoveryApi: discoveryApiRef },
        factory: ({ discoveryApi }) =>
          new DemoUserAuth({ providerId, discoveryApi }),
      }),
  }),
);

/**
 * The demo portal's sign-in page: the guest (the platform team), and DEMO ONLY a member of team-a or team-b, so
 * that one browser shows what the permission policy lets each do. A real portal offers its identity provider.
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => (
        <SignInPage
          {...props}
          providers={[
            'guest',
            ...demoUsers.map(({ providerId, title, message, apiRef }) => ({
              id: providerId,
              title,
              message,
              apiRef,
            })),
          ]}
        />
      );
    },
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, ...demoUserApis],
});
