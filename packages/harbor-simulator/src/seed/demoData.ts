import type { NewArtifact, NewProject, WebhookPolicyFields } from '../builders';
import { CVE_CATALOG as C } from '../cves';
import type {
  ImmutableRule,
  RetentionPolicy,
  RobotPermission,
} from '../harborTypes';
import {
  ScannerInfo,
  UserGroupRecord,
  VULNERABILITY_REPORT_HARBOR_V10,
} from '../state';

/**
 * The demo Harbor as plain data: what a platform team's Harbor looks like after a few months. `demo.ts` builds
 * it through the same record builders the routes use. Times are days before the clock's now.
 */

/** Robots present in the demo seed, with secrets known to tests. @public */
export const DEMO_ROBOTS = {
  /** System robot with the read-only scope the Backstage entity page needs, on all projects. */
  reader: { name: 'robot$backstage-reader', secret: 'Reader12345secret' },
  /** Project robot of team-a that may push and pull. */
  teamACi: { name: 'robot$team-a+ci', secret: 'TeamACi12345secret' },
};

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

const CLAIR: ScannerInfo = {
  name: 'Clair',
  vendor: 'CoreOS',
  version: '2.1.8',
};
const OLD_ADAPTER = {
  mimeType: VULNERABILITY_REPORT_HARBOR_V10,
  scanner: CLAIR,
};

export const DEMO_USER_GROUPS: Array<Omit<UserGroupRecord, 'id'>> = [
  {
    group_name: 'platform-engineers',
    group_type: 1,
    ldap_group_dn: 'cn=platform-engineers,ou=groups,dc=example,dc=com',
  },
  { group_name: 'team-a-developers', group_type: 3 },
];

/** Global labels; `labels: [1]` on an artifact is `production`. */
export const DEMO_LABELS = [
  { name: 'production', color: '#C92100' },
  { name: 'deprecated', color: '#F57600' },
];

/** Created in this order, each with `admin` as projectAdmin. */
export const DEMO_PROJECTS: Array<
  NewProject & { daysAgo: number; cveAllowlist?: string[] }
> = [
  { name: 'library', daysAgo: 400, public: true },
  {
    name: 'team-a',
    daysAgo: 300,
    metadata: {
      auto_scan: 'true',
      prevent_vul: 'true',
      severity: 'high',
      reuse_sys_cve_allowlist: 'true',
    },
    storageLimit: 10 * GiB,
  },
  {
    name: 'team-b',
    daysAgo: 250,
    metadata: { auto_scan: 'false', reuse_sys_cve_allowlist: 'false' },
    storageLimit: 1 * GiB,
    cveAllowlist: [C.apt.id, C.utilLinux.id],
  },
  {
    name: 'platform',
    daysAgo: 350,
    metadata: {
      auto_scan: 'true',
      enable_content_trust_cosign: 'true',
      reuse_sys_cve_allowlist: 'true',
    },
  },
  { name: '2024', daysAgo: 200, metadata: { auto_scan: 'false' } },
  { name: 'sandbox', daysAgo: 30, public: true },
];

/** Members besides `admin`; role 1 projectAdmin, 3 guest, 4 maintainer. */
export const DEMO_MEMBERS: Array<{
  project: string;
  user?: string;
  group?: string;
  roleId: number;
}> = [
  { project: 'team-a', user: 'alice', roleId: 4 },
  { project: 'team-b', user: 'bob', roleId: 3 },
  { project: 'platform', group: 'platform-engineers', roleId: 1 },
];

type DemoArtifact = Omit<NewArtifact, 'pushTime'> & { daysAgo: number };

/** team-a/web: released often by CI, older releases with more CVEs. */
const WEB_RELEASES: Array<[string[], number, (typeof C.xz)[]]> = [
  [['v1.0.0'], 200, [C.log4shell, C.spring4shell, C.openssl0286, C.apt]],
  [['v1.1.0'], 150, [C.spring4shell, C.openssl0286, C.apt]],
  [['v1.2.0'], 100, [C.rapidReset, C.goStdlib, C.apt]],
  [['v1.3.0'], 60, [C.openssl5678, C.apt]],
  [['v1.4.0'], 30, [C.apt]],
  [['v1.4.1', 'latest'], 5, []],
];

/**
 * The CVE the fleet security view's demo searches (HTTP/2 Rapid Reset): in images of team-a's storefront-web
 * (team-a/web v1.2.0) and orders-api (team-a/api 2.0.0, and 2.1.0 whose scan failed) and of the platform team's
 * registry-gateway (platform/team/worker 0.9.0, which the demo cluster runs).
 * @public
 */
export const DEMO_FLEET_CVE = C.rapidReset.id;

/** Pushed in this order: the order fixes ids and digests. */
export const DEMO_ARTIFACTS: DemoArtifact[] = [
  // library: official images.
  {
    project: 'library',
    repository: 'nginx',
    tags: ['1.24.0'],
    size: 67 * MiB,
    daysAgo: 120,
    vulnerabilities: [C.openssl0286, C.libwebp, C.systemd, C.apt, C.tar],
    scan: {},
  },
  {
    project: 'library',
    repository: 'nginx',
    tags: ['1.25.3', '1.25', 'latest'],
    size: 70 * MiB,
    daysAgo: 20,
    vulnerabilities: [C.systemd, C.apt, C.utilLinux],
    scan: {},
    sbom: true,
    labels: [1],
  },
  {
    project: 'library',
    repository: 'alpine',
    tags: ['3.19'],
    size: 3 * MiB + 400_000,
    daysAgo: 90,
    vulnerabilities: [C.openssl2511],
    scan: {},
  },
  {
    project: 'library',
    repository: 'alpine',
    tags: ['3.20', 'latest'],
    size: 3 * MiB + 600_000,
    daysAgo: 10,
    vulnerabilities: [],
    scan: {},
  },
  {
    project: 'library',
    repository: 'redis',
    tags: ['7.2'],
    size: 41 * MiB,
    daysAgo: 60,
    vulnerabilities: [C.goStdlib, C.systemd],
  },
  {
    project: 'library',
    repository: 'python',
    tags: ['3.11-slim'],
    size: 45 * MiB,
    daysAgo: 75,
    vulnerabilities: [C.urllib, C.setuptools, C.certifi, C.zlib],
    scan: {},
  },
  // team-a: a web front end released often, an API whose last scan failed, a legacy-scanned job.
  ...WEB_RELEASES.map(([tags, daysAgo, vulnerabilities]) => ({
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
  })),
  {
    project: 'team-a',
    repository: 'web',
    tags: [],
    size: 180 * MiB,
    daysAgo: 2,
    vulnerabilities: [C.apt],
  },
  {
    project: 'team-a',
    repository: 'api',
    tags: ['2.0.0'],
    size: 95 * MiB,
    daysAgo: 45,
    vulnerabilities: [C.rapidReset, C.curlSocks],
    scan: {},
  },
  {
    project: 'team-a',
    repository: 'api',
    tags: ['2.1.0', 'latest'],
    size: 96 * MiB,
    daysAgo: 3,
    vulnerabilities: [C.rapidReset],
    scan: { status: 'Error' },
  },
  {
    project: 'team-a',
    repository: 'batch/nightly-report',
    tags: ['2023.12'],
    size: 210 * MiB,
    daysAgo: 180,
    vulnerabilities: [C.log4shell, C.apt],
    scan: OLD_ADAPTER,
  },
  // team-b: close to its 1 GiB quota, scanned by an older adapter.
  {
    project: 'team-b',
    repository: 'payments',
    tags: ['1.0.0'],
    size: 420 * MiB,
    daysAgo: 100,
    vulnerabilities: [C.xz, C.regreSSHion, C.systemd],
    scan: OLD_ADAPTER,
  },
  {
    project: 'team-b',
    repository: 'payments',
    tags: ['1.1.0', 'latest'],
    size: 430 * MiB,
    daysAgo: 12,
    vulnerabilities: [C.regreSSHion, C.systemd],
    scan: {},
  },
  // platform: nested repositories, signed images.
  {
    project: 'platform',
    repository: 'team/app',
    tags: ['2.3.0'],
    size: 150 * MiB,
    daysAgo: 40,
    vulnerabilities: [C.curlSocks, C.libwebp, C.openssl5678, C.apt, C.tar],
    scan: {},
    signed: true,
  },
  {
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
  },
  {
    project: 'platform',
    repository: 'team/worker',
    tags: ['0.9.0', 'latest'],
    size: 88 * MiB,
    daysAgo: 15,
    vulnerabilities: [C.rapidReset, C.goStdlib],
    scan: {},
    architecture: 'arm64',
  },
  {
    project: 'platform',
    repository: 'base/debian',
    tags: ['bookworm'],
    size: 48 * MiB,
    daysAgo: 50,
    vulnerabilities: [C.regreSSHion, C.systemd, C.apt, C.utilLinux, C.tar],
  },
  {
    project: '2024',
    repository: 'legacy-app',
    tags: ['final'],
    size: 300 * MiB,
    daysAgo: 190,
    vulnerabilities: [C.log4shell],
    scan: {},
  },
];

const access = (...pairs: string[]): RobotPermission['access'] =>
  pairs.map(pair => {
    const [resource, action] = pair.split(':');
    return { resource, action };
  });

/** Robots with secrets known to tests, created 90 days ago by admin. */
export const DEMO_ROBOT_ACCOUNTS = [
  {
    name: 'backstage-reader',
    level: 'system' as const,
    description: 'Backstage entity pages',
    duration: -1,
    secret: DEMO_ROBOTS.reader.secret,
    permissions: [
      {
        kind: 'project',
        namespace: '*',
        access: access(
          'project:read',
          'repository:list',
          'repository:read',
          'artifact:list',
          'artifact:read',
          'artifact-addition:read',
          'tag:list',
          'scan:read',
          // The entity audit trail reads each project's audit log.
          'log:list',
        ),
      },
      // The fleet security view reads Harbor's Security Hub (system-level, Harbor 2.9+).
      {
        kind: 'system',
        namespace: '/',
        access: access('security-hub:read', 'security-hub:list'),
      },
    ],
  },
  {
    name: 'ci',
    level: 'project' as const,
    project: 'team-a',
    description: 'CI pushes',
    duration: 365,
    secret: DEMO_ROBOTS.teamACi.secret,
    permissions: [
      {
        kind: 'project',
        namespace: 'team-a',
        access: access(
          'repository:list',
          'repository:pull',
          'repository:push',
          'artifact:list',
          'artifact:read',
          'tag:create',
          'tag:list',
        ),
      },
    ],
  },
];

const ALL_REPOSITORIES = {
  repository: [
    { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
  ],
};

/** team-a keeps its 10 most recently pushed artifacts, untagged ones included, every midnight. */
export const DEMO_RETENTION: {
  project: string;
  policy: Omit<RetentionPolicy, 'id' | 'scope'>;
} = {
  project: 'team-a',
  policy: {
    algorithm: 'or',
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
        scope_selectors: ALL_REPOSITORIES,
      },
    ],
  },
};

/** platform's version tags cannot be overwritten or deleted. */
export const DEMO_IMMUTABLE_RULE: { project: string; rule: ImmutableRule } = {
  project: 'platform',
  rule: {
    priority: 0,
    disabled: false,
    action: 'immutable',
    template: 'immutable_template',
    params: {},
    tag_selectors: [
      { kind: 'doublestar', decoration: 'matches', pattern: '{v,}[0-9]*' },
    ],
    scope_selectors: ALL_REPOSITORIES,
  },
};

export const DEMO_WEBHOOK: { project: string; policy: WebhookPolicyFields } = {
  project: 'team-a',
  policy: {
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
  },
};

export const DEMO_REGISTRY = {
  name: 'old-registry',
  type: 'docker-registry',
  url: 'https://registry.old.example.com',
  description: 'The registry being migrated from',
  credential: {
    type: 'basic',
    access_key: 'migration',
    access_secret: '*****',
  },
};

/** Weekly garbage collections: days ago and minutes they ran. */
export const DEMO_GC_RUNS: Array<[number, number]> = [
  [8, 10],
  [1, 9],
];

/** Audit history besides the pushes: deployments pulling, a developer pulling, a clean-up; half a day apart. */
export const DEMO_AUDIT_HISTORY: Array<
  [string, string, string, 'pull' | 'delete', 'artifact' | 'tag']
> = [
  ['team-a', 'robot$team-a+ci', 'team-a/web:v1.4.0', 'pull', 'artifact'],
  ['team-a', 'alice', 'team-a/web:v1.4.1', 'pull', 'artifact'],
  ['team-a', 'robot$team-a+ci', 'team-a/web:v1.4.1', 'pull', 'artifact'],
  ['team-a', 'alice', 'team-a/api:2.0.0', 'pull', 'artifact'],
  ['team-a', 'admin', 'team-a/web:v0.9.0', 'delete', 'tag'],
  ['platform', 'admin', 'platform/team/app:2.3.1', 'pull', 'artifact'],
];
