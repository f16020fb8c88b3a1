import { recordAuditLog } from './auditLog';
import { createProjectRecord, NewArtifact, pushArtifact } from './builders';
import { HarborClock, isoTime } from './clock';
import { CVE_CATALOG as C, syntheticCves } from './cves';
import { Prng } from './prng';
import {
  ArtifactRecord,
  HarborState,
  HarborUserRecord,
  ScannerInfo,
  VULNERABILITY_REPORT_HARBOR_V10,
  VULNERABILITY_REPORT_V11,
} from './state';

/** A Harbor user the simulator accepts with basic auth. @public */
export interface HarborSimulatorUser {
  username: string;
  password: string;
  sysadmin?: boolean;
  email?: string;
  realname?: string;
  /** User groups (LDAP/OIDC) the user belongs to, by name. */
  groups?: string[];
}

/** @public */
export const DEFAULT_USERS: HarborSimulatorUser[] = [
  {
    username: 'admin',
    password: 'Harbor12345',
    sysadmin: true,
    realname: 'Harbor Admin',
  },
  {
    username: 'alice',
    password: 'Alice12345',
    realname: 'Alice Developer',
    groups: ['platform-engineers'],
  },
  { username: 'bob', password: 'Bob12345', realname: 'Bob Guest' },
];

/** Robots present in the demo seed, with secrets known to tests. @public */
export const DEMO_ROBOTS = {
  /** System robot with the read-only scope the Backstage entity page needs, on all projects. */
  reader: { name: 'robot$backstage-reader', secret: 'Reader12345secret' },
  /** Project robot of team-a that may push and pull. */
  teamACi: { name: 'robot$team-a+ci', secret: 'TeamACi12345secret' },
};

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export function addUsers(
  state: HarborState,
  clock: HarborClock,
  users: HarborSimulatorUser[],
) {
  for (const u of users) {
    const existing = state.userByName(u.username);
    const record: HarborUserRecord = {
      user_id: existing?.user_id ?? state.ids.user.next(),
      username: u.username,
      password: u.password,
      sysadmin: Boolean(u.sysadmin),
      email: u.email ?? `${u.username}@example.com`,
      realname: u.realname ?? u.username,
      groups: u.groups ?? [],
      creation_time: existing?.creation_time ?? isoTime(clock.now()),
    };
    if (existing) Object.assign(existing, record);
    else state.users.push(record);
  }
}

/** Every Harbor has a default Trivy scanner registration. */
export function addDefaultScanner(state: HarborState, clock: HarborClock) {
  const now = isoTime(clock.now());
  state.scanners.push({
    uuid: 'b3c5a2e4-7d1f-4a8e-9c0b-2f6e8d1a4b37',
    name: 'Trivy',
    description: 'The Trivy scanner adapter',
    url: 'http://trivy-adapter:8080',
    disabled: false,
    is_default: true,
    auth: '',
    skip_certVerify: false,
    use_internal_addr: true,
    create_time: now,
    update_time: now,
    adapter: 'Trivy',
    vendor: 'Aqua Security',
    version: 'v0.50.1',
    health: 'healthy',
  } as any);
}

/** @public */
export interface AddArtifactsOptions {
  project: string;
  repository: string;
  count: number;
  /** CVEs found in each scanned artifact. Default 5. */
  cvesPerArtifact?: number;
  /** Tag names are `${tagPrefix}${i}`; default `1.0.`. */
  tagPrefix?: string;
  /** Report MIME type of the scans; default the v1.1 type. */
  mimeType?: string;
  /** Share of artifacts that have a successful scan; default 1. */
  scannedRatio?: number;
  /** Seed of the PRNG, so two calls with the same options produce the same data. */
  seed?: string | number;
  size?: number;
}

/**
 * Adds `count` artifacts to a repository (created if missing), e.g. 250 or 1000 for paging tests and
 * benchmarks. The project's quota is set to unlimited first so a large batch is never refused.
 *
 * @public
 */
export function addArtifacts(
  state: HarborState,
  clock: HarborClock,
  options: AddArtifactsOptions,
): ArtifactRecord[] {
  const random = new Prng(
    options.seed ?? `${options.project}/${options.repository}`,
  );
  const project = state.projectByName(options.project);
  if (!project) {
    throw new Error(`addArtifacts: project ${options.project} does not exist`);
  }
  const quota = state.quotaOfProject(project.project_id);
  if (quota) quota.hard = -1;
  const out: ArtifactRecord[] = [];
  const base = clock.now() - options.count * 3_600_000;
  for (let i = 0; i < options.count; i++) {
    const vulnerabilities = syntheticCves(random, options.cvesPerArtifact ?? 5);
    const scanned = random.next() < (options.scannedRatio ?? 1);
    out.push(
      pushArtifact(state, clock, {
        project: options.project,
        repository: options.repository,
        tags: [`${options.tagPrefix ?? '1.0.'}${i}`],
        size: options.size ?? random.int(20, 400) * MiB,
        digest: random.digest(),
        pushTime: base + i * 3_600_000,
        vulnerabilities,
        scan: scanned
          ? { mimeType: options.mimeType ?? VULNERABILITY_REPORT_V11 }
          : undefined,
      }),
    );
  }
  return out;
}

const CLAIR: ScannerInfo = {
  name: 'Clair',
  vendor: 'CoreOS',
  version: '2.1.8',
};

/** The demo seed: what a platform team's Harbor looks like after a few months. */
export function seedDemo(state: HarborState, clock: HarborClock) {
  const day = 86_400_000;
  const now = clock.now();
  const ago = (days: number) => now - days * day;
  const t0 = isoTime(ago(400));

  state.userGroups.push(
    {
      id: state.ids.userGroup.next(),
      group_name: 'platform-engineers',
      group_type: 1,
      ldap_group_dn: 'cn=platform-engineers,ou=groups,dc=example,dc=com',
    },
    {
      id: state.ids.userGroup.next(),
      group_name: 'team-a-developers',
      group_type: 3,
    },
  );
  state.labels.push(
    {
      id: state.ids.label.next(),
      name: 'production',
      color: '#C92100',
      scope: 'g',
      project_id: 0,
      creation_time: t0,
      update_time: t0,
    },
    {
      id: state.ids.label.next(),
      name: 'deprecated',
      color: '#F57600',
      scope: 'g',
      project_id: 0,
      creation_time: t0,
      update_time: t0,
    },
  );

  const admin = state.userByName('admin');
  const alice = state.userByName('alice');
  const bob = state.userByName('bob');
  const projectAt = (
    days: number,
    p: Parameters<typeof createProjectRecord>[2],
  ) => {
    const project = createProjectRecord(state, { now: () => ago(days) }, p);
    if (admin) {
      state.members.push({
        id: state.ids.member.next(),
        project_id: project.project_id,
        entity_type: 'u',
        entity_id: admin.user_id,
        entity_name: admin.username,
        role_id: 1,
      });
    }
    return project;
  };

  projectAt(400, { name: 'library', public: true });
  const teamA = projectAt(300, {
    name: 'team-a',
    metadata: {
      auto_scan: 'true',
      prevent_vul: 'true',
      severity: 'high',
      reuse_sys_cve_allowlist: 'true',
    },
    storageLimit: 10 * GiB,
  });
  const teamB = projectAt(250, {
    name: 'team-b',
    metadata: { auto_scan: 'false', reuse_sys_cve_allowlist: 'false' },
    storageLimit: 1 * GiB,
  });
  teamB.cve_allowlist.items = [
    { cve_id: C.apt.id },
    { cve_id: C.utilLinux.id },
  ];
  const platform = projectAt(350, {
    name: 'platform',
    metadata: {
      auto_scan: 'true',
      enable_content_trust_cosign: 'true',
      reuse_sys_cve_allowlist: 'true',
    },
  });
  projectAt(200, { name: '2024', metadata: { auto_scan: 'false' } });
  projectAt(30, { name: 'sandbox', public: true });

  if (alice) {
    state.members.push({
      id: state.ids.member.next(),
      project_id: teamA.project_id,
      entity_type: 'u',
      entity_id: alice.user_id,
      entity_name: 'alice',
      role_id: 4,
    });
  }
  if (bob) {
    state.members.push({
      id: state.ids.member.next(),
      project_id: teamB.project_id,
      entity_type: 'u',
      entity_id: bob.user_id,
      entity_name: 'bob',
      role_id: 3,
    });
  }
  const platformGroup = state.userGroups[0];
  state.members.push({
    id: state.ids.member.next(),
    project_id: platform.project_id,
    entity_type: 'g',
    entity_id: platformGroup.id,
    entity_name: platformGroup.group_name,
    role_id: 1,
  });

  const push = (a: NewArtifact & { daysAgo: number }) =>
    pushArtifact(state, clock, { ...a, pushTime: ago(a.daysAgo) });

  // library: official images.
  push({
    project: 'library',
    repository: 'nginx',
    tags: ['1.24.0'],
    size: 67 * MiB,
    daysAgo: 120,
    vulnerabilities: [C.openssl0286, C.libwebp, C.systemd, C.apt, C.tar],
    scan: {},
  });
  push({
    project: 'library',
    repository: 'nginx',
    tags: ['1.25.3', '1.25', 'latest'],
    size: 70 * MiB,
    daysAgo: 20,
    vulnerabilities: [C.systemd, C.apt, C.utilLinux],
    scan: {},
    sbom: true,
    labels: [1],
  });
  push({
    project: 'library',
    repository: 'alpine',
    tags: ['3.19'],
    size: 3 * MiB + 400_000,
    daysAgo: 90,
    vulnerabilities: [C.openssl2511],
    scan: {},
  });
  push({
    project: 'library',
    repository: 'alpine',
    tags: ['3.20', 'latest'],
    size: 3 * MiB + 600_000,
    daysAgo: 10,
    vulnerabilities: [],
    scan: {},
  });
  push({
    project: 'library',
    repository: 'redis',
    tags: ['7.2'],
    size: 41 * MiB,
    daysAgo: 60,
    vulnerabilities: [C.goStdlib, C.systemd],
  });
  push({
    project: 'library',
    repository: 'python',
    tags: ['3.11-slim'],
    size: 45 * MiB,
    daysAgo: 75,
    vulnerabilities: [C.urllib, C.setuptools, C.certifi, C.zlib],
    scan: {},
  });

  // team-a: a web front end released often, an API whose last scan failed, a legacy-scanned job.
  const webReleases: Array<[string[], number, (typeof C.xz)[]]> = [
    [['v1.0.0'], 200, [C.log4shell, C.spring4shell, C.openssl0286, C.apt]],
    [['v1.1.0'], 150, [C.spring4shell, C.openssl0286, C.apt]],
    [['v1.2.0'], 100, [C.rapidReset, C.goStdlib, C.apt]],
    [['v1.3.0'], 60, [C.openssl5678, C.apt]],
    [['v1.4.0'], 30, [C.apt]],
    [['v1.4.1', 'latest'], 5, []],
  ];
  for (const [tags, daysAgo, vulnerabilities] of webReleases) {
    push({
      project: 'team-a',
      repository: 'web',
      tags,
      size: 180 * MiB,
      daysAgo,
      vulnerabilities,
      scan: {},
      signed: tags.includes('latest'),
      sbom: tags.includes('latest') || tags.includes('v1.4.0'),
      operator: 'robot$team-a+ci',
    });
  }
  push({
    project: 'team-a',
    repository: 'web',
    tags: [],
    size: 180 * MiB,
    daysAgo: 2,
    vulnerabilities: [C.apt],
  });
  push({
    project: 'team-a',
    repository: 'api',
    tags: ['2.0.0'],
    size: 95 * MiB,
    daysAgo: 45,
    vulnerabilities: [C.rapidReset, C.curlSocks],
    scan: {},
  });
  push({
    project: 'team-a',
    repository: 'api',
    tags: ['2.1.0', 'latest'],
    size: 96 * MiB,
    daysAgo: 3,
    vulnerabilities: [C.rapidReset],
    scan: { status: 'Error' },
  });
  push({
    project: 'team-a',
    repository: 'batch/nightly-report',
    tags: ['2023.12'],
    size: 210 * MiB,
    daysAgo: 180,
    vulnerabilities: [C.log4shell, C.apt],
    scan: { mimeType: VULNERABILITY_REPORT_HARBOR_V10, scanner: CLAIR },
  });

  // team-b: close to its 1 GiB quota, scanned by an older adapter.
  push({
    project: 'team-b',
    repository: 'payments',
    tags: ['1.0.0'],
    size: 420 * MiB,
    daysAgo: 100,
    vulnerabilities: [C.xz, C.regreSSHion, C.systemd],
    scan: { mimeType: VULNERABILITY_REPORT_HARBOR_V10, scanner: CLAIR },
  });
  push({
    project: 'team-b',
    repository: 'payments',
    tags: ['1.1.0', 'latest'],
    size: 430 * MiB,
    daysAgo: 12,
    vulnerabilities: [C.regreSSHion, C.systemd],
    scan: {},
  });

  // platform: nested repositories, signed images.
  push({
    project: 'platform',
    repository: 'team/app',
    tags: ['2.3.0'],
    size: 150 * MiB,
    daysAgo: 40,
    vulnerabilities: [C.curlSocks, C.libwebp, C.openssl5678, C.apt, C.tar],
    scan: {},
    signed: true,
  });
  push({
    project: 'platform',
    repository: 'team/app',
    tags: ['2.3.1', 'latest'],
    size: 151 * MiB,
    daysAgo: 7,
    vulnerabilities: [C.openssl5678, C.apt],
    scan: {},
    signed: true,
    sbom: true,
    labels: [1],
  });
  push({
    project: 'platform',
    repository: 'team/worker',
    tags: ['0.9.0', 'latest'],
    size: 88 * MiB,
    daysAgo: 15,
    vulnerabilities: [C.rapidReset, C.goStdlib],
    scan: {},
    architecture: 'arm64',
  });
  push({
    project: 'platform',
    repository: 'base/debian',
    tags: ['bookworm'],
    size: 48 * MiB,
    daysAgo: 50,
    vulnerabilities: [C.regreSSHion, C.systemd, C.apt, C.utilLinux, C.tar],
  });

  push({
    project: '2024',
    repository: 'legacy-app',
    tags: ['final'],
    size: 300 * MiB,
    daysAgo: 190,
    vulnerabilities: [C.log4shell],
    scan: {},
  });

  // Robots with secrets known to tests.
  const created = isoTime(ago(90));
  state.robots.push(
    {
      id: state.ids.robot.next(),
      name: 'backstage-reader',
      level: 'system',
      description: 'Backstage entity pages',
      duration: -1,
      disable: false,
      expires_at: -1,
      secret: DEMO_ROBOTS.reader.secret,
      creator_type: 'local',
      creator_ref: 1,
      creation_time: created,
      update_time: created,
      permissions: [
        {
          kind: 'project',
          namespace: '*',
          access: [
            { resource: 'project', action: 'read' },
            { resource: 'repository', action: 'list' },
            { resource: 'repository', action: 'read' },
            { resource: 'artifact', action: 'list' },
            { resource: 'artifact', action: 'read' },
            { resource: 'artifact-addition', action: 'read' },
            { resource: 'tag', action: 'list' },
            { resource: 'scan', action: 'read' },
            // The entity audit trail reads each project's audit log.
            { resource: 'log', action: 'list' },
          ],
        },
      ],
    },
    {
      id: state.ids.robot.next(),
      name: 'ci',
      level: 'project',
      project_id: teamA.project_id,
      project_name: teamA.name,
      description: 'CI pushes',
      duration: 365,
      disable: false,
      expires_at: Math.floor(ago(90) / 1000) + 365 * 86_400,
      secret: DEMO_ROBOTS.teamACi.secret,
      creator_type: 'local',
      creator_ref: 1,
      creation_time: created,
      update_time: created,
      permissions: [
        {
          kind: 'project',
          namespace: teamA.name,
          access: [
            { resource: 'repository', action: 'list' },
            { resource: 'repository', action: 'pull' },
            { resource: 'repository', action: 'push' },
            { resource: 'artifact', action: 'list' },
            { resource: 'artifact', action: 'read' },
            { resource: 'tag', action: 'create' },
            { resource: 'tag', action: 'list' },
          ],
        },
      ],
    },
  );

  // Policies a platform team sets up.
  const retentionId = state.ids.retention.next();
  state.retentions.push({
    id: retentionId,
    policy: {
      id: retentionId,
      algorithm: 'or',
      scope: { level: 'project', ref: teamA.project_id },
      trigger: {
        kind: 'Schedule',
        settings: { cron: '0 0 0 * * *' } as any,
        references: {},
      },
      rules: [
        {
          id: 1,
          priority: 0,
          disabled: false,
          action: 'retain',
          template: 'latestPushedK',
          params: { latestPushedK: 10 } as any,
          tag_selectors: [
            {
              kind: 'doublestar',
              decoration: 'matches',
              pattern: '**',
              extras: '{"untagged":true}',
            },
          ],
          scope_selectors: {
            repository: [
              { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
            ],
          },
        },
      ],
    },
    executions: [],
  });
  teamA.metadata.retention_id = String(retentionId);
  state.immutableRules.push({
    id: state.ids.immutableRule.next(),
    project_id: platform.project_id,
    rule: {
      priority: 0,
      disabled: false,
      action: 'immutable',
      template: 'immutable_template',
      params: {},
      tag_selectors: [
        { kind: 'doublestar', decoration: 'matches', pattern: '{v,}[0-9]*' },
      ],
      scope_selectors: {
        repository: [
          { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
        ],
      },
    },
  });
  state.webhookPolicies.push({
    id: state.ids.webhookPolicy.next(),
    project_id: teamA.project_id,
    name: 'team-a-chat',
    description: 'Scan results to the team channel',
    enabled: true,
    event_types: ['SCANNING_COMPLETED', 'SCANNING_FAILED', 'PUSH_ARTIFACT'],
    targets: [
      {
        type: 'http',
        address: 'https://hooks.example.com/harbor/team-a',
        skip_cert_verify: false,
        payload_format: 'Default',
      },
    ],
    creator: 'admin',
    creation_time: created,
    update_time: created,
  });
  state.registries.push({
    id: state.ids.registry.next(),
    name: 'old-registry',
    type: 'docker-registry',
    url: 'https://registry.old.example.com',
    insecure: false,
    description: 'The registry being migrated from',
    status: 'healthy',
    credential: {
      type: 'basic',
      access_key: 'migration',
      access_secret: '*****',
    },
    creation_time: created,
    update_time: created,
  } as any);
  state.gcHistory.push(
    {
      id: state.ids.gc.next(),
      job_kind: 'SCHEDULE',
      job_parameters: '{"delete_untagged":true,"workers":1}',
      job_status: 'Success',
      schedule_type: 'Weekly',
      creation_time: isoTime(ago(8)),
      update_time: isoTime(ago(8) + 600_000),
    },
    {
      id: state.ids.gc.next(),
      job_kind: 'SCHEDULE',
      job_parameters: '{"delete_untagged":true,"workers":1}',
      job_status: 'Success',
      schedule_type: 'Weekly',
      creation_time: isoTime(ago(1)),
      update_time: isoTime(ago(1) + 540_000),
    },
  );

  // Audit history besides the pushes above: deployments pulling, a developer pulling, a clean-up.
  const history: Array<[number, string, string, 'pull' | 'delete', string]> = [
    [
      teamA.project_id,
      'robot$team-a+ci',
      'team-a/web:v1.4.0',
      'pull',
      'artifact',
    ],
    [teamA.project_id, 'alice', 'team-a/web:v1.4.1', 'pull', 'artifact'],
    [
      teamA.project_id,
      'robot$team-a+ci',
      'team-a/web:v1.4.1',
      'pull',
      'artifact',
    ],
    [teamA.project_id, 'alice', 'team-a/api:2.0.0', 'pull', 'artifact'],
    [teamA.project_id, 'admin', 'team-a/web:v0.9.0', 'delete', 'tag'],
    [
      platform.project_id,
      'admin',
      'platform/team/app:2.3.1',
      'pull',
      'artifact',
    ],
  ];
  history.forEach(([projectId, username, resource, operation, type], i) =>
    recordAuditLog(state, {
      projectId,
      username,
      resource,
      resourceType: type as 'artifact' | 'tag',
      operation,
      time: ago(4 - i * 0.5),
    }),
  );
}
