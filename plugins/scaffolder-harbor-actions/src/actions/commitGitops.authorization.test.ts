import { GitServer, startGitServer } from '@backstage-harbor/git-server';
import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  gitopsTargetsFromConfig,
  recordProjectOwner,
  type HarborClients,
} from '@backstage-harbor/plugin-harbor-node';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { clientsFor, harborConfig, startHarbor } from '../__testUtils__/harbor';
import {
  alice,
  bob,
  guest,
  scaffolderService,
  testAuthorizer,
} from '../__testUtils__/permissions';
import { createCommitGitopsAction } from './commitGitops';

const execFileAsync = promisify(execFile);
const PASSWORD = 'gitops-confine-pw-7d2a';
const TEAMS = 'platform/harbor/teams';

/**
 * Who may commit what where (issue #17): the allow-list of repositories, the base branch, the team's folder of
 * the project's recorded owner, and the platform folder for the platform team. Every refusal comes before any
 * Git request: the server's log has no request for the repository and its refs are as they were.
 */
describe('harbor:gitops:commit confined to the allowed repositories, branches and folders', () => {
  let server: GitServer;
  let sim: HarborSimulator;
  let clients: HarborClients;
  let repoUrl: string;
  let otherRepoUrl: string;
  let workspace: string;

  const gitDir = (name: string) => path.join(server.root, `${name}.git`);
  const refs = async (name = 'flux') =>
    (
      await execFileAsync(
        'git',
        [
          '--git-dir',
          gitDir(name),
          'for-each-ref',
          '--format=%(refname) %(objectname)',
        ],
        { env: { PATH: process.env.PATH } },
      )
    ).stdout.trim();
  const files = async (ref: string) =>
    (
      await execFileAsync(
        'git',
        ['--git-dir', gitDir('flux'), 'ls-tree', '-r', '--name-only', ref],
        { env: { PATH: process.env.PATH } },
      )
    ).stdout
      .trim()
      .split('\n');
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), content);
  };

  /** Runs the action in `workspace` as `credentials`; returns the outputs and the error it threw. */
  async function runAction(
    commit: ReturnType<typeof action>,
    input: JsonObject,
    options: { credentials: BackstageCredentials; dryRun?: boolean },
  ) {
    const outputs: Record<string, any> = {};
    const ctx = {
      ...createMockActionContext({ input, workspacePath: workspace }),
      isDryRun: options.dryRun,
      getInitiatorCredentials: async () => options.credentials,
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    };
    try {
      await commit.handler(ctx as any);
      return { outputs, error: undefined };
    } catch (e) {
      return { outputs, error: e as Error };
    }
  }

  function action(repositories?: JsonObject[]) {
    const host = new URL(server.url).host;
    return createCommitGitopsAction({
      gitopsTargets: gitopsTargetsFromConfig(
        new ConfigReader({
          harbor: {
            gitops: {
              defaultRepoUrl: repoUrl,
              ...(repositories && { repositories }),
              credentials: [
                { host, username: 'scaffolder', password: PASSWORD },
              ],
            },
          },
        }),
      ),
      clients,
      authorizer: testAuthorizer(),
    });
  }

  /** Runs the action; on refusal, checks that nothing reached the Git server and the refs are unchanged. */
  async function run(
    input: JsonObject,
    credentials: BackstageCredentials,
    options: { repositories?: JsonObject[]; dryRun?: boolean } = {},
  ) {
    const before = { refs: await refs(), requests: server.requests.length };
    const result = await runAction(action(options.repositories), input, {
      credentials,
      dryRun: options.dryRun,
    });
    if (result.error) {
      expect(server.requests.slice(before.requests)).toEqual([]);
      expect(await refs()).toBe(before.refs);
    }
    return result;
  }

  const delivery = (extra: JsonObject = {}): JsonObject => ({
    purpose: 'team',
    project: 'team-a',
    branch: 'onboard-team-a',
    sourcePath: 'gitops',
    targetPath: `${TEAMS}/team-a`,
    prune: false,
    ...extra,
  });

  beforeAll(async () => {
    server = await startGitServer({
      users: [{ username: 'scaffolder', password: PASSWORD }],
    });
    repoUrl = server.createRepository('flux');
    otherRepoUrl = server.createRepository('elsewhere');
    sim = await startHarbor('demo');
    clients = clientsFor(harborConfig(sim));
    const client = clients.forInstance(clients.instances.list()[0].name);
    await recordProjectOwner(client, 'team-a', 'group:default/team-a');
    await recordProjectOwner(client, 'team-b', 'group:default/team-b');
    // The platform's first commit on main, as a merged pull request would leave it.
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-confine-'));
    write('platform/harbor/README.md', 'platform\n');
    const seeded = await runAction(
      action([{ url: repoUrl, allowBaseBranch: true }]),
      {
        purpose: 'platform',
        branch: 'main',
        targetPath: 'platform/harbor',
        sourcePath: 'platform/harbor',
      },
      { credentials: guest },
    );
    if (seeded.error) throw seeded.error;
    fs.rmSync(workspace, { recursive: true, force: true });
  });
  afterAll(async () => {
    await sim.stop();
    await server.stop();
  });
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-confine-'));
    write(
      'gitops/harbor-robot-team-a-ci/push-secret.yaml',
      'kind: PushSecret\n',
    );
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it("commits a team's delivery into its owner's folder on a review branch", async () => {
    const { error, outputs } = await run(delivery(), alice);
    expect(error).toBeUndefined();
    expect(outputs).toMatchObject({ branch: 'onboard-team-a', changed: true });
    expect(await files('onboard-team-a')).toEqual([
      'platform/harbor/README.md',
      `${TEAMS}/team-a/harbor-robot-team-a-ci/push-secret.yaml`,
    ]);
    expect(await refs()).toMatch(/refs\/heads\/main /);
  });

  it('refuses a commit to the base branch, in a dry run too', async () => {
    for (const dryRun of [false, true]) {
      const { error } = await run(delivery({ branch: 'main' }), alice, {
        dryRun,
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(
        /branch: 'main' is the base branch of http:\/\/127\.0\.0\.1:\d+\/flux\.git, which is never committed to directly; commit to another branch and open a merge\/pull request into 'main'/,
      );
    }
    // A base branch of the config is the protected one, whatever the input's baseBranch says.
    const custom = await run(
      delivery({ branch: 'production', baseBranch: 'main' }),
      alice,
      {
        repositories: [
          { url: repoUrl, baseBranch: 'production', teamPath: TEAMS },
        ],
      },
    );
    expect(custom.error?.message).toMatch(
      /branch: 'production' is the base branch/,
    );
  });

  it("refuses another team's folder and a project of another team", async () => {
    const folder = await run(
      delivery({ targetPath: `${TEAMS}/team-b` }),
      alice,
    );
    expect(folder.error?.name).toBe('NotAllowedError');
    expect(folder.error?.message).toBe(
      `targetPath: '${TEAMS}/team-b' is outside ${TEAMS}/team-a/, the folder of group:default/team-a, the owner of Harbor project 'team-a'; give a folder under ${TEAMS}/team-a/ (for example ${TEAMS}/team-a/<name>)`,
    );

    const project = await run(
      delivery({ project: 'team-a', targetPath: `${TEAMS}/team-a` }),
      bob,
    );
    expect(project.error?.name).toBe('NotAllowedError');
    expect(project.error?.message).toMatch(
      /^Refused harbor\.project\.update for user:default\/bob on Harbor project 'team-a' \(instance '[^']+'\): it is owned by group:default\/team-a/,
    );
  });

  it.each([
    `${TEAMS}/team-a/../team-b`,
    `${TEAMS}/team-a/../../../platform`,
    '../platform',
    '/etc',
  ])('refuses the escape %s before any request', async targetPath => {
    const { error } = await run(delivery({ targetPath }), alice);
    expect(['InputError', 'NotAllowedError']).toContain(error?.name);
    expect(error?.message).toMatch(/targetPath: /);
  });

  it('refuses a symbolic link in the delivered folder', async () => {
    fs.symlinkSync(
      '../../platform',
      path.join(workspace, 'gitops/harbor-robot-team-a-ci/escape'),
    );
    const { error } = await run(delivery(), alice);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toBe(
      "sourcePath: 'gitops' holds the symbolic link harbor-robot-team-a-ci/escape; commit files only",
    );
  });

  it('refuses a repository that is not in the list, and a purpose the repository does not take', async () => {
    const other = await run(delivery({ repoUrl: otherRepoUrl }), alice);
    expect(other.error?.name).toBe('NotAllowedError');
    expect(other.error?.message).toMatch(
      /^repoUrl: http:\/\/127\.0\.0\.1:\d+\/elsewhere\.git is not a repository harbor:gitops:commit may write to; the allowed ones are .*: http:\/\/127\.0\.0\.1:\d+\/flux\.git$/,
    );
    expect(server.requests.filter(r => r.path.includes('elsewhere'))).toEqual(
      [],
    );

    const purpose = await run(delivery(), alice, {
      repositories: [{ url: repoUrl, purposes: ['platform'] }],
    });
    expect(purpose.error?.message).toMatch(
      /^purpose: http:\/\/127\.0\.0\.1:\d+\/flux\.git takes platform commits, not team commits/,
    );
  });

  it('refuses the platform purpose for a team user and allows it for the platform team', async () => {
    write('platform/harbor/app/release.yaml', 'kind: HelmRelease\n');
    const input = {
      purpose: 'platform',
      branch: 'harbor-platform',
      sourcePath: 'platform/harbor',
      targetPath: 'platform/harbor',
      prune: false,
    };
    const refused = await run(input, alice);
    expect(refused.error?.name).toBe('NotAllowedError');
    expect(refused.error?.message).toBe(
      'Refused harbor.platform.update for user:default/alice',
    );
    // A team delivery does not reach the platform folder either.
    const asTeam = await run(
      delivery({
        sourcePath: 'platform/harbor',
        targetPath: 'platform/harbor',
      }),
      alice,
    );
    expect(asTeam.error?.message).toMatch(
      /^targetPath: 'platform\/harbor' is outside platform\/harbor\/teams\/team-a\//,
    );

    const allowed = await run(input, guest);
    expect(allowed.error).toBeUndefined();
    expect(await files('harbor-platform')).toContain(
      'platform/harbor/app/release.yaml',
    );
    // The platform folder is the platform's: outside it is refused, even for the platform team.
    const outside = await run({ ...input, targetPath: 'clusters' }, guest);
    expect(outside.error?.message).toMatch(
      /^targetPath: 'clusters' is outside platform\/, the folder of the platform/,
    );
  });

  it('refuses a task started without a user, and a project with no owner recorded', async () => {
    const service = await run(delivery(), scaffolderService);
    expect(service.error?.name).toBe('NotAllowedError');
    expect(service.error?.message).toMatch(
      /^Refused harbor\.project\.update for service plugin:scaffolder \(a task started without a user/,
    );
    const unowned = await run(
      delivery({ project: 'library', targetPath: `${TEAMS}/library` }),
      guest,
    );
    expect(unowned.error?.name).toBe('NotAllowedError');
    expect(unowned.error?.message).toMatch(
      /^Harbor project 'library' \(instance '[^']+'\) has no owner recorded/,
    );
  });

  it('plans a delivery of a project the onboarding creates only in a dry run', async () => {
    const input = delivery({ project: 'team-new', branch: 'onboard-team-new' });
    const before = await refs();
    const planned = await run(input, alice, { dryRun: true });
    expect(planned.error).toBeUndefined();
    expect(planned.outputs.changed).toBe(true);
    expect(await refs()).toBe(before);
    const missing = await run(input, alice);
    expect(missing.error?.name).toBe('InputError');
    expect(missing.error?.message).toMatch(
      /^project: Harbor instance '[^']+' has no project 'team-new'; create it first with harbor:project:ensure/,
    );
  });

  it('requires the project for a team delivery', async () => {
    const { error } = await run(delivery({ project: undefined }), alice);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(/^project: is required for purpose 'team'/);
  });
});
