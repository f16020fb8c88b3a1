import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO_ROBOTS } from '@backstage-harbor/harbor-simulator';
import type {
  EntityImages,
  HarborArtifact,
  HarborAuditLogPage,
  RegistryHealth,
} from '@backstage-harbor/plugin-harbor-common';
import request from 'supertest';
import {
  DENIED,
  OUTSIDER,
  OWNER,
  component,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';

const ENTITIES = [
  component('web-app', 'team-a/web, platform/team/app, platform/team/worker'),
  component('api', 'team-a/api'),
];
const user = mockCredentials.user.header();
const route = (name: string, what: string) =>
  `/api/harbor/entities/default/component/${name}/${what}`;

function artifact(
  body: EntityImages,
  repository: string,
  tag: string,
): HarborArtifact {
  const repo = body.repositories.find(
    r => `${r.project}/${r.repository}` === repository,
  );
  const found = repo?.artifacts.find(a => a.tags.includes(tag));
  if (!found) throw new Error(`no ${repository}:${tag}`);
  return found;
}

describe('supply-chain trust in the Harbor backend', () => {
  const sim = useSimulator();

  describe('images', () => {
    it('shows which artifacts are signed, by which kind, and which carry an SBOM', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(route('web-app', 'images'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const signed = artifact(res.body, 'platform/team/app', 'latest');
      expect(signed.signature).toEqual({ signed: true, kinds: ['cosign'] });
      expect(signed.sbom).toBe(true);
      expect(signed.pullable).toEqual({ allowed: true, reasons: [] });
      const unsigned = artifact(res.body, 'team-a/web', 'v1.0.0');
      expect(unsigned.signature).toEqual({ signed: false, kinds: [] });
      expect(unsigned.sbom).toBe(false);
    });

    it('explains a pull blocked by cosign content trust and one blocked by the severity gate', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(route('web-app', 'images'))
        .set('Authorization', user);
      // platform requires cosign signatures; team/worker is not signed.
      expect(
        artifact(res.body, 'platform/team/worker', 'latest').pullable,
      ).toEqual({
        allowed: false,
        reasons: [
          'Not signed with cosign, and the project requires a cosign signature (content trust).',
        ],
      });
      // team-a prevents High or higher; v1.0.0 has log4shell.
      const old = artifact(res.body, 'team-a/web', 'v1.0.0').pullable!;
      expect(old.allowed).toBe(false);
      expect(old.reasons[0]).toMatch(
        /^\d+ vulnerabilities at High or higher, and the project prevents pulling images with High or higher vulnerabilities\.$/,
      );
      expect(artifact(res.body, 'team-a/web', 'latest').pullable?.allowed).toBe(
        true,
      );
    });

    it('agrees with what the simulated registry refuses', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(route('api', 'images'))
        .set('Authorization', user);
      const latest = artifact(res.body, 'team-a/api', 'latest');
      expect(latest.pullable?.allowed).toBe(false);
      const pull = await request(sim.url)
        .post('/_simulator/pull')
        .auth(sim.adminCredentials.username, sim.adminCredentials.password)
        .send({ project: 'team-a', repository: 'api', reference: 'latest' });
      expect(pull.status).toBe(412);
      expect(latest.pullable?.reasons[0]).toContain('Its scan is error');
    });
  });

  describe('GET /entities/:namespace/:kind/:name/audit-logs', () => {
    it('pages the audit trail of the entity’s repositories only, newest first', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const first = await request(server)
        .get(route('web-app', 'audit-logs'))
        .query({ page: 1, pageSize: 5 })
        .set('Authorization', user);
      expect(first.status).toBe(200);
      const page: HarborAuditLogPage = first.body;
      expect(page.items).toHaveLength(5);
      expect(page.total).toBeGreaterThan(5);
      const times = page.items.map(i => i.time);
      expect([...times].sort().reverse()).toEqual(times);
      const second = await request(server)
        .get(route('web-app', 'audit-logs'))
        .query({ page: 2, pageSize: 5 })
        .set('Authorization', user);
      expect(second.body.items[0].time <= times[4]).toBe(true);
      const ids = new Set(page.items.map(i => i.id));
      expect(second.body.items.some((i: any) => ids.has(i.id))).toBe(false);
      const all = await request(server)
        .get(route('web-app', 'audit-logs'))
        .query({ pageSize: 100 })
        .set('Authorization', user);
      expect(
        all.body.items.every((i: any) =>
          /^(team-a\/web|platform\/team\/(app|worker))[:@]/.test(i.resource),
        ),
      ).toBe(true);
      expect(
        all.body.items.some((i: any) => i.resource.startsWith('team-a/api')),
      ).toBe(false);
    });

    it('reads the audit trail with the least-privilege reader robot the docs recommend', async () => {
      const { server } = await startHarborBackend({
        sim,
        entities: ENTITIES,
        harbor: {
          username: 'robot$backstage-reader',
          password: DEMO_ROBOTS.reader.secret,
        },
      });
      const res = await request(server)
        .get(route('api', 'audit-logs'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_ROBOTS.reader.secret);
    });

    it('filters by operation, with the filter sent to Harbor in q', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(route('api', 'audit-logs'))
        .query({ operation: 'pull' })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          username: 'alice',
          operation: 'pull',
          resource: 'team-a/api:2.0.0',
          resourceType: 'artifact',
          succeeded: true,
          instance: 'default',
        }),
      ]);
      const calls = sim.requestLog.filter(e => e.operationId === 'getLogExts');
      expect(calls.map(c => c.query?.q)).toEqual([
        'resource=~team-a/api,operation=pull',
      ]);
    });

    it('shows a pull through the registry in the trail', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      await request(sim.url)
        .post('/_simulator/pull')
        .auth('alice', 'Alice12345')
        .send({ project: 'team-a', repository: 'web', reference: 'v1.4.1' })
        .expect(200);
      const res = await request(server)
        .get(route('web-app', 'audit-logs'))
        .query({ pageSize: 1 })
        .set('Authorization', user);
      expect(res.body.items[0]).toMatchObject({
        username: 'alice',
        operation: 'pull',
        resource: 'team-a/web:v1.4.1',
      });
    });

    it('answers 403 without calling Harbor when the images permission is denied, and 404 for a hidden entity', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const denied = await request(server)
        .get(route('web-app', 'audit-logs'))
        .set('Authorization', mockCredentials.user.header(DENIED));
      expect(denied.status).toBe(403);
      const hidden = await request(server)
        .get(route('web-app', 'audit-logs'))
        .set('Authorization', mockCredentials.user.header(OUTSIDER));
      expect(hidden.status).toBe(404);
      expect(sim.log.count()).toBe(0);
    });

    it('rejects a bad operation, page size or depth', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      for (const query of [
        { operation: 'drop' },
        { pageSize: 500 },
        { page: 200, pageSize: 100 },
      ]) {
        const res = await request(server)
          .get(route('web-app', 'audit-logs'))
          .query(query)
          .set('Authorization', user);
        expect(res.status).toBe(400);
      }
      expect(sim.log.count()).toBe(0);
    });
  });

  describe('registry health', () => {
    it('shows whether audit logs are forwarded, and unknown with the reason for a robot', async () => {
      sim.state.configuration.audit_log_forward_endpoint =
        'syslog.example.com:514';
      const admin = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(admin.server)
        .get(route('web-app', 'health'))
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(res.status).toBe(200);
      expect((res.body as RegistryHealth).auditLogForwarding).toEqual({
        status: 'configured',
        endpoint: 'syslog.example.com:514',
        skipDatabase: false,
      });
      sim.state.configuration.audit_log_forward_endpoint = '';

      const robot = await startHarborBackend({
        sim,
        entities: ENTITIES,
        harbor: {
          username: 'robot$backstage-reader',
          password: DEMO_ROBOTS.reader.secret,
        },
      });
      const viaRobot = await request(robot.server)
        .get(route('web-app', 'health'))
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(viaRobot.body.auditLogForwarding).toEqual({
        status: 'unknown',
        reason:
          'The configured Harbor account may not read the system configuration (it needs a Harbor sysadmin).',
      });
    });
  });
});
