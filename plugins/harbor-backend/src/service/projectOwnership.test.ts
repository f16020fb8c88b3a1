import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { harborProjectAdoptPermission } from '@backstage-harbor/plugin-harbor-common';
import {
  HARBOR_PROJECT_OWNER_LABEL,
  createHarborProjectConditionalDecision,
  harborProjectConditions,
} from '@backstage-harbor/plugin-harbor-node';
import request from 'supertest';
import { startHarborBackend, useSimulator } from '../__testUtils__/testBackend';

/** The demo's org: alice in team-a, bob in team-b, guest in the platform team. */
const ORG: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
  'user:default/guest': ['user:default/guest', 'group:default/platform-team'],
};
const as = (ref: string) => mockCredentials.user.header(ref);

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: ORG[ref] ?? [ref] };
  },
});

/** The demo policy's project part: the platform team everything, owners their projects, others nothing. */
function decide(
  credentials: BackstageCredentials,
  permission: any,
): PolicyDecision {
  const ref = (credentials.principal as { userEntityRef?: string })
    .userEntityRef;
  const claims = ref ? ORG[ref] ?? [ref] : [];
  if (claims.includes('group:default/platform-team')) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (
    permission.type !== 'resource' ||
    permission.name === harborProjectAdoptPermission.name
  ) {
    return { result: AuthorizeResult.DENY };
  }
  return createHarborProjectConditionalDecision(
    permission,
    harborProjectConditions.isProjectOwner({ claims }),
  );
}
const demoPolicy = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => decide(credentials, r.permission)) as any,
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(r => decide(credentials, r.permission)) as any,
});

const availability = (name: string) =>
  `/api/harbor/projects/${encodeURIComponent(name)}/availability`;

describe('the ownership of existing projects', () => {
  const sim = useSimulator(async harbor => {
    // team-a is owned by its group; team-b has no owner (created outside the portal).
    await request(harbor.url)
      .post('/api/v2.0/labels')
      .auth(harbor.adminCredentials.username, harbor.adminCredentials.password)
      .send({
        name: HARBOR_PROJECT_OWNER_LABEL,
        description: 'group:default/team-a',
        scope: 'p',
        project_id: harbor.state.projectByName('team-a')!.project_id,
      })
      .expect(201);
  });

  async function start(permissionEnabled: boolean) {
    return startHarborBackend({
      sim,
      entities: [],
      permissions: demoPolicy,
      config: { permission: { enabled: permissionEnabled } },
      features: [userInfo.factory],
    });
  }

  async function ask(
    server: Awaited<ReturnType<typeof start>>['server'],
    name: string,
    authorization: string,
  ) {
    const res = await request(server)
      .get(availability(name))
      .set('Authorization', authorization);
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('GET /projects/:name/availability with the permission framework on', () => {
    it('tells an owner that they may change their project', async () => {
      const { server, stop } = await start(true);
      try {
        expect(await ask(server, 'team-a', as('user:default/alice'))).toEqual({
          name: 'team-a',
          instance: 'default',
          valid: true,
          available: false,
          reason:
            "a project named 'team-a' already exists in Harbor, owned by group:default/team-a",
          owner: 'group:default/team-a',
          changeable: true,
        });
      } finally {
        await stop();
      }
    });

    it('tells a user of another team who owns it and that they may not change it', async () => {
      const { server, stop } = await start(true);
      try {
        expect(
          await ask(server, 'team-a', as('user:default/bob')),
        ).toMatchObject({
          available: false,
          owner: 'group:default/team-a',
          changeable: false,
        });
      } finally {
        await stop();
      }
    });

    it('answers a project without an owner as changeable only by whom may adopt it', async () => {
      const { server, stop } = await start(true);
      try {
        const bob = await ask(server, 'team-b', as('user:default/bob'));
        expect(bob).toEqual({
          name: 'team-b',
          instance: 'default',
          valid: true,
          available: false,
          reason:
            "a project named 'team-b' already exists in Harbor without a recorded owner",
          changeable: false,
        });
        expect(
          await ask(server, 'team-b', as('user:default/guest')),
        ).toMatchObject({ changeable: true });
      } finally {
        await stop();
      }
    });

    it('reads the owner through Harbor without writing anything', async () => {
      const { server, stop } = await start(true);
      try {
        await ask(server, 'team-a', as('user:default/alice'));
        expect(sim.log.writes()).toEqual([]);
        expect(sim.log.count('ListLabels')).toBe(1);
      } finally {
        await stop();
      }
    });
  });

  describe('GET /projects/:name/availability with the permission framework off', () => {
    it('applies the default policy: owners change their projects, nobody else, services never', async () => {
      demoPolicy.authorizeConditional.mockClear();
      const { server, stop } = await start(false);
      try {
        expect(
          await ask(server, 'team-a', as('user:default/alice')),
        ).toMatchObject({ owner: 'group:default/team-a', changeable: true });
        expect(
          await ask(server, 'team-a', as('user:default/bob')),
        ).toMatchObject({ changeable: false });
        expect(
          await ask(server, 'team-b', as('user:default/guest')),
        ).toMatchObject({ changeable: false });
        expect(
          await ask(server, 'team-a', mockCredentials.service.header()),
        ).toMatchObject({ changeable: false });
        expect(demoPolicy.authorizeConditional).not.toHaveBeenCalled();
      } finally {
        await stop();
      }
    });
  });

  describe('POST /.well-known/backstage/permissions/apply-conditions', () => {
    const applyConditions = (resourceRef: string, claims: string[]) => ({
      items: [
        {
          id: '1',
          resourceRef,
          resourceType: 'harbor-project',
          conditions: {
            rule: 'IS_PROJECT_OWNER',
            resourceType: 'harbor-project',
            params: { claims },
          },
        },
      ],
    });

    it('decides IS_PROJECT_OWNER on the owner the project label records', async () => {
      const { server, stop } = await start(true);
      try {
        const post = (body: object) =>
          request(server)
            .post(
              '/api/harbor/.well-known/backstage/permissions/apply-conditions',
            )
            .set('Authorization', mockCredentials.service.header())
            .send(body);
        const owner = await post(
          applyConditions('default:team-a', ORG['user:default/alice']),
        );
        expect(owner.status).toBe(200);
        expect(owner.body).toEqual({
          items: [{ id: '1', result: AuthorizeResult.ALLOW }],
        });
        for (const [ref, claims] of [
          ['default:team-a', ORG['user:default/bob']],
          ['default:team-b', ORG['user:default/bob']],
          ['default:no-such-project', ORG['user:default/bob']],
          ['elsewhere:team-a', ORG['user:default/alice']],
        ] as const) {
          const res = await post(applyConditions(ref, [...claims]));
          expect({ ref, body: res.body }).toEqual({
            ref,
            body: { items: [{ id: '1', result: AuthorizeResult.DENY }] },
          });
        }
      } finally {
        await stop();
      }
    });
  });
});
