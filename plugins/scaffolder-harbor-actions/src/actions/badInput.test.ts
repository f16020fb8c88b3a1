import { ConfigReader } from '@backstage/config';
import { clientsFor, runAction } from '../__testUtils__/harbor';
import { Harness, startHarness } from '../__testUtils__/harness';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createEnsureMembersAction } from './ensureMembers';

type Case = [
  id: string,
  input: Record<string, unknown>,
  field: string,
  rule: string,
];

const P = { project: 'team-a' };
const robot = (r: Record<string, unknown>) => ({
  ...P,
  robots: [{ name: 'ci', access: 'pull', ...r }],
});
const retention = (r: Record<string, unknown>) => ({
  ...P,
  rules: [{ keepLastPushed: 3 }],
  ...r,
});
const oneRule = (r: Record<string, unknown>) => ({ ...P, rules: [r] });
const member = (m: Record<string, unknown>) => ({
  ...P,
  members: [{ entity: 'user:alice', role: 'guest', ...m }],
});
const webhook = (w: Record<string, unknown>) => ({
  ...P,
  name: 'hook',
  url: 'https://hooks.example.com/harbor',
  events: ['PUSH_ARTIFACT'],
  ...w,
});

const PROJECT = 'harbor:project:ensure';
const ROBOT = 'harbor:robot:ensure';
const RETENTION = 'harbor:retention:ensure';
const IMMUTABILITY = 'harbor:immutability:ensure';
const MEMBERS = 'harbor:members:ensure';
const WEBHOOK = 'harbor:webhook:ensure';

const CASES: Case[] = [
  [
    PROJECT,
    { project: 'Team-A' },
    'project',
    "Harbor's rule ^[a-z0-9]+(?:[._-][a-z0-9]+)*$",
  ],
  [PROJECT, { project: '' }, 'project', 'must not be empty'],
  [PROJECT, { project: 'a'.repeat(256) }, 'project', 'at most 255 characters'],
  [
    PROJECT,
    { project: 'team--a' },
    'project',
    "joined by single '.', '_' or '-'",
  ],
  [PROJECT, { project: '-team' }, 'project', 'lower-case letters and digits'],
  [PROJECT, {}, 'project', 'is required'],
  [
    PROJECT,
    { ...P, storageQuota: '10GB' },
    'storageQuota',
    'Harbor counts in binary units: write GiB',
  ],
  [PROJECT, { ...P, storageQuota: '10' }, 'storageQuota', 'has no unit'],
  [
    PROJECT,
    { ...P, storageQuota: '0GiB' },
    'storageQuota',
    'must be more than 0 bytes',
  ],
  [
    PROJECT,
    { ...P, storageQuota: '2000TiB' },
    'storageQuota',
    "Harbor's maximum of 1024TiB",
  ],
  [
    PROJECT,
    { ...P, storageQuota: 'lots' },
    'storageQuota',
    'a size with a binary unit',
  ],
  [
    PROJECT,
    { ...P, preventVulnerable: 'severe' },
    'preventVulnerable',
    "Expected 'low' | 'medium' | 'high' | 'critical'",
  ],
  [PROJECT, { ...P, public: 'yes' }, 'public', 'Expected boolean'],
  [
    PROJECT,
    { ...P, token: 'abc' },
    'token',
    'Harbor credentials are never action inputs',
  ],
  [
    PROJECT,
    { ...P, password: 'x' },
    'password',
    'Harbor credentials are never action inputs',
  ],
  [
    PROJECT,
    { ...P, instance: 'staging' },
    'instance',
    "no Harbor instance named 'staging' is configured; known instances: 'default'",
  ],
  [ROBOT, { ...P, robots: [] }, 'robots', 'must list at least one robot'],
  [
    ROBOT,
    robot({ name: 'CI' }),
    'robots.0.name',
    'lower-case letters and digits',
  ],
  [
    ROBOT,
    robot({ name: 'ci+push' }),
    'robots.0.name',
    "'+' is reserved by Harbor",
  ],
  [
    ROBOT,
    robot({ name: 'x'.repeat(64) }),
    'robots.0.name',
    'at most 63 characters',
  ],
  [
    ROBOT,
    robot({ access: 'admin' }),
    'robots.0.access',
    "Expected 'pull' | 'pull+push'",
  ],
  [ROBOT, { ...P, robots: [{ name: 'ci' }] }, 'robots.0.access', 'Required'],
  [
    ROBOT,
    robot({ expiresInDays: 0 }),
    'robots.0.expiresInDays',
    'must be at least 1 day',
  ],
  [
    ROBOT,
    robot({ expiresInDays: 1.5 }),
    'robots.0.expiresInDays',
    'must be a whole number of days',
  ],
  [
    ROBOT,
    robot({ expiresInDays: 5000 }),
    'robots.0.expiresInDays',
    'at most 3650 days',
  ],
  [
    ROBOT,
    {
      ...P,
      robots: [
        { name: 'ci', access: 'pull' },
        { name: 'ci', access: 'pull+push' },
      ],
    },
    'robots.1.name',
    "'ci' is listed twice",
  ],
  [
    ROBOT,
    robot({ secretName: 'Bad_Name' }),
    'robots.0.secretName',
    'a DNS-1123 subdomain',
  ],
  [
    ROBOT,
    robot({ secret: 'hunter2' }),
    'secret',
    'Harbor credentials are never action inputs',
  ],
  [
    ROBOT,
    {
      ...P,
      robots: [
        { name: 'a', access: 'pull', secretName: 'harbor-robot-team-a-b' },
        { name: 'b', access: 'pull' },
      ],
    },
    'robots.1.secretName',
    'is used by another robot',
  ],
  [
    ROBOT,
    { robots: [{ name: 'ci', access: 'pull' }] },
    'project',
    'is required',
  ],
  [
    RETENTION,
    retention({ schedule: '0 2 * * *' }),
    'schedule',
    "Harbor wants 6 with seconds first: write '0 0 2 * * *'",
  ],
  [
    RETENTION,
    retention({ schedule: '30 0 2 * * *' }),
    'schedule',
    'Harbor requires the seconds field to be 0',
  ],
  [
    RETENTION,
    retention({ schedule: '0 0 25 * * *' }),
    'schedule',
    'the hour field',
  ],
  [
    RETENTION,
    retention({ schedule: 'nightly' }),
    'schedule',
    "Harbor's 6-field cron",
  ],
  [RETENTION, { ...P, rules: [] }, 'rules', 'must have at least one rule'],
  [
    RETENTION,
    oneRule({ keepLastPushed: 3, keepPulledWithinDays: 7 }),
    'rules.0',
    'must set exactly one of keepLastPushed',
  ],
  [
    RETENTION,
    oneRule({ tags: 'v*' }),
    'rules.0',
    'must set exactly one of keepLastPushed',
  ],
  [
    RETENTION,
    oneRule({ keepLastPushed: 0 }),
    'rules.0.keepLastPushed',
    'must be at least 1',
  ],
  [
    RETENTION,
    oneRule({ keepPulledWithinDays: -3 }),
    'rules.0.keepPulledWithinDays',
    'must be at least 1 day',
  ],
  [
    RETENTION,
    {
      ...P,
      rules: Array.from({ length: 16 }, (_, i) => ({ keepLastPushed: i + 1 })),
    },
    'rules',
    'at most 15 rules',
  ],
  [
    RETENTION,
    oneRule({ tags: 'v 1', keepAlways: true }),
    'rules.0.tags',
    'doublestar pattern without spaces',
  ],
  [
    RETENTION,
    { ...P, rules: [{ keepLastPushed: 3 }, { keepLastPushed: 3 }] },
    'rules.1',
    'repeats rules.0',
  ],
  [IMMUTABILITY, oneRule({}), 'rules.0.tags', 'is required'],
  [
    IMMUTABILITY,
    oneRule({ tags: '' }),
    'rules.0.tags',
    'doublestar pattern without spaces',
  ],
  [
    IMMUTABILITY,
    { ...P, rules: [{ tags: 'v*' }, { tags: 'v*', repositories: '**' }] },
    'rules.1',
    'repeats rules.0',
  ],
  [IMMUTABILITY, { ...P, rules: [] }, 'rules', 'must have at least one rule'],
  [
    MEMBERS,
    member({ entity: 'component:default/foo' }),
    'members.0.entity',
    'of kind group or user',
  ],
  [
    MEMBERS,
    member({ entity: 'user:' }),
    'members.0.entity',
    'of kind group or user',
  ],
  [
    MEMBERS,
    member({ role: 'owner' }),
    'members.0.role',
    "Expected 'projectAdmin' | 'developer' | 'guest' | 'maintainer' | 'limitedGuest'",
  ],
  [
    MEMBERS,
    {
      ...P,
      members: [
        { entity: 'user:alice', role: 'guest' },
        { entity: 'user:default/alice', role: 'developer' },
      ],
    },
    'members.1.entity',
    "'user:default/alice' is listed twice",
  ],
  [MEMBERS, { ...P, members: [] }, 'members', 'must list at least one member'],
  [
    WEBHOOK,
    webhook({ url: 'ftp://files.example.com' }),
    'url',
    'must be an http or https URL',
  ],
  [
    WEBHOOK,
    webhook({ url: 'https://user:pass@hooks.example.com' }),
    'url',
    'without credentials',
  ],
  [
    WEBHOOK,
    webhook({ events: [] }),
    'events',
    'must list at least one event type',
  ],
  [
    WEBHOOK,
    webhook({ events: ['PUSH'] }),
    'events.0',
    "Expected 'PUSH_ARTIFACT'",
  ],
  [
    WEBHOOK,
    webhook({ events: ['PUSH_ARTIFACT', 'PUSH_ARTIFACT'] }),
    'events',
    'must not list an event type twice',
  ],
  [WEBHOOK, webhook({ name: '' }), 'name', 'must not be empty'],
  [
    WEBHOOK,
    webhook({ payloadFormat: 'xml' }),
    'payloadFormat',
    "Expected 'Default' | 'CloudEvents'",
  ],
  [
    WEBHOOK,
    webhook({ authHeader: 'Bearer abc' }),
    'authHeader',
    'not an input of harbor:webhook:ensure',
  ],
  [
    WEBHOOK,
    webhook({ instance: '' }),
    'instance',
    'leave it out for the default instance',
  ],
];

describe('bad input', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.run(PROJECT, P);
  });
  afterAll(() => h.stop());
  beforeEach(() => h.clearLogs());

  it('has at least 40 cases across every action', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map(c => c[0])).size).toBe(6);
  });

  it.each(
    CASES.map(([id, input, field, rule]) => [id, field, rule, input] as const),
  )('%s rejects %s (%s) and writes nothing', async (id, field, rule, input) => {
    const { error } = await h.run(id, input as any);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(`${field}: `);
    expect(error?.message).toContain(rule);
    expect(h.sim.writes()).toEqual([]);
    expect(h.k8s.requestLog.writes()).toEqual([]);
  });

  it('rejects a catalog Group when no Harbor group type is configured, before any call', async () => {
    const config = {
      ...h.config,
      harbor: { ...(h.config.harbor as object), members: undefined },
    };
    const action = createEnsureMembersAction({
      clients: clientsFor(config as any),
      config: new ConfigReader(config as any),
      authorizer: testAuthorizer(),
    });
    const { error } = await runAction(action, {
      ...P,
      members: [{ entity: 'group:team-a', role: 'developer' }],
    });
    expect(error?.message).toBe(
      'Invalid input to harbor:members:ensure: members.0.entity: group:default/team-a is a Group, and harbor.members.groupType (ldap, http or oidc) is not configured, so it cannot be mapped to a Harbor user group',
    );
    expect(h.sim.requestLog).toEqual([]);
  });
});
