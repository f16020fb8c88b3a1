import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { DEFAULT_ADMIN_TOKEN } from '@backstage-harbor/kubernetes-simulator';
import { GIT_PASSWORD } from './__testUtils__/gitops';
import { Harness, startHarness } from './__testUtils__/harness';
import {
  capturingRootLogger,
  startScaffolder,
} from './__testUtils__/scaffolder';
import { validateManifest } from '@backstage-harbor/harbor-platform-manifests';

jest.setTimeout(60_000);

const PLATFORM_VALUES = {
  hostname: 'harbor.internal.example.com',
  namespace: 'harbor',
  replicas: 3,
  storageClass: 'ceph-block',
  s3Endpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc',
  s3Bucket: 'harbor-registry',
  s3Region: 'us-east-1',
  s3Encrypt: false,
  ingressClass: 'internal',
  clusterIssuer: 'internal-ca',
  clusterSecretStore: 'op-platform',
  onePasswordProvider: 'onepasswordSDK',
  items: { admin: 'harbor-admin-prod' },
  gitProvider: 'git',
  branch: 'harbor-platform',
  baseBranch: 'main',
  basePath: 'platform/harbor',
  runbookBaseUrl:
    'http://localhost:3000/docs/default/system/container-registry',
};

const ONBOARDING_VALUES = {
  owner: 'group:default/team-a',
  project: 'team-gitops',
  storageQuota: '10GiB',
  public: false,
  preventVulnerable: 'high',
  retention: 'keep-last',
  retentionCount: 10,
  retentionDays: 90,
  protectReleaseTags: true,
  robots: [
    { name: 'ci', access: 'pull+push' },
    { name: 'deploy', access: 'pull' },
  ],
  namespaces: ['team-gitops', 'team-gitops-staging'],
};

const logMessages = (events: Array<{ type: string; body: any }>) =>
  events
    .filter(e => e.type === 'log')
    .map(e => e.body.message)
    .join('\n');

describe('the templates commit schema-valid manifests to a real Git server', () => {
  let h: Harness;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const backendLog: string[] = [];
  /** Task responses, events and outputs of every run, searched for credentials at the end. */
  const seen: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    scaffolder = await startScaffolder(scaffolderPlugin, h.config, {
      extraFeatures: [capturingRootLogger(backendLog)],
    });
  });
  afterAll(async () => {
    await scaffolder.backend.stop();
    await h.stop();
  });
  afterEach(() => h.sim.assertNoViolations());

  const heads = () =>
    h.gitops.git(['for-each-ref', '--format=%(refname)', 'refs/heads']);

  describe('templates/harbor-platform', () => {
    it('dry-runs: renders and validates in its workspace, plans the commit, pushes nothing', async () => {
      const res = await scaffolder.dryRun(PLATFORM_VALUES, 'harbor-platform');
      seen.push(res.text);
      expect(res.status).toBe(200);
      const messages = res.body.log.map((l: any) => l.body.message).join('\n');
      expect(messages).toMatch(
        /\[dry run\] Rendered the Harbor platform into platform\/harbor: 13 files with \d+ objects, each valid against its schema/,
      );
      expect(messages).toContain(
        `[dry run] would create branch harbor-platform of ${h.gitops.repoUrl}`,
      );
      expect(await heads()).toBe('');
      expect(
        h.gitops.server.requests.filter(r => r.service === 'git-receive-pack'),
      ).toEqual([]);
    });

    it('commits only schema-valid objects to a new branch, and nothing on a rerun', async () => {
      const { task, events, responses } = await scaffolder.runTask(
        PLATFORM_VALUES,
        'harbor-platform',
      );
      seen.push(...responses);
      expect(task.status).toBe('completed');
      const commit = (
        await h.gitops.git(['rev-parse', 'refs/heads/harbor-platform'])
      ).trim();
      expect(
        (await h.gitops.git(['log', '--format=%s', 'harbor-platform'])).trim(),
      ).toBe('Install Harbor at harbor.internal.example.com');

      const files = await h.gitops.files('harbor-platform');
      expect([...files.keys()].sort()).toEqual([
        'platform/harbor/README.md',
        'platform/harbor/app/helm-release.yaml',
        'platform/harbor/app/oci-repository.yaml',
        'platform/harbor/app/service-monitor.yaml',
        'platform/harbor/dashboards/grafana-dashboard.yaml',
        'platform/harbor/database/database.yaml',
        'platform/harbor/dragonfly/dragonfly.yaml',
        'platform/harbor/flux/kustomizations.yaml',
        'platform/harbor/monitoring/database-pod-monitor.yaml',
        'platform/harbor/monitoring/prometheus-rule.yaml',
        'platform/harbor/namespace/namespace.yaml',
        'platform/harbor/secrets/external-secrets.yaml',
        'platform/harbor/teams/README.md',
      ]);
      const objects = await h.gitops.objects('harbor-platform');
      expect(objects.length).toBeGreaterThan(15);
      for (const object of objects)
        expect({
          object: `${object.kind} ${object.metadata?.name}`,
          problems: validateManifest(object),
        }).toEqual({
          object: `${object.kind} ${object.metadata?.name}`,
          problems: [],
        });
      // The form's values reached the manifests.
      const release = objects.find(o => o.kind === 'HelmRelease');
      // The official chart (the default) counts `replicas`, Bitnami's `replicaCount`.
      expect(release.spec.values.core.replicas).toBe(3);
      expect(release.spec.values.expose.ingress.className).toBe('internal');
      expect(
        objects.some(
          o =>
            o.kind === 'ExternalSecret' &&
            JSON.stringify(o).includes('harbor-admin-prod') &&
            o.spec.secretStoreRef.name === 'op-platform',
        ),
      ).toBe(true);
      expect(objects.some(o => o.kind === 'Secret')).toBe(false);

      const completion = events.find(e => e.type === 'completion')!;
      const text = completion.body.output.text
        .map((t: any) => t.content)
        .join('\n');
      expect(text).toContain(`commit \`${commit}\``);
      expect(text).toContain(`of \`${h.gitops.repoUrl}\``);

      const again = await scaffolder.runTask(
        PLATFORM_VALUES,
        'harbor-platform',
      );
      seen.push(...again.responses);
      expect(again.task.status).toBe('completed');
      expect(logMessages(again.events)).toContain(
        `Git branch harbor-platform of ${h.gitops.repoUrl}: everything is in place, nothing to change`,
      );
      expect(
        (
          await h.gitops.git(['rev-parse', 'refs/heads/harbor-platform'])
        ).trim(),
      ).toBe(commit);
    });

    it('passes the chart, resource profile, dashboards, Trivy and Flux inputs to the manifests', async () => {
      const branch = 'harbor-platform-options';
      const mirror =
        'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-db';
      const { task, responses } = await scaffolder.runTask(
        {
          ...PLATFORM_VALUES,
          branch,
          chart: 'bitnami',
          resourceProfile: 'production',
          dashboards: 'operator',
          trivyDbRepositories: [mirror],
          trivySkipUpdate: true,
          trivyOfflineScan: true,
          fluxMinimumVersion: '2.7',
        },
        'harbor-platform',
      );
      seen.push(...responses);
      expect(task.status).toBe('completed');
      const objects = await h.gitops.objects(branch);
      const release = objects.find(o => o.kind === 'HelmRelease');
      const source = objects.find(o => o.kind === 'OCIRepository');
      expect(source.spec.url).toBe(
        'oci://registry-1.docker.io/bitnamicharts/harbor',
      );
      expect(release.spec.values.core.replicaCount).toBe(3);
      expect(release.spec.values.core.resources).toEqual({
        requests: { cpu: '500m', memory: '512Mi' },
        limits: { cpu: '2', memory: '1Gi' },
      });
      expect(release.spec.values.trivy).toMatchObject({
        dbRepository: mirror,
        skipUpdate: true,
        extraEnvVars: [{ name: 'SCANNER_TRIVY_OFFLINE_SCAN', value: 'true' }],
      });
      const kinds = objects.map(o => o.kind);
      expect(kinds).toContain('GrafanaDashboard');
      expect(kinds).not.toContain('ConfigMap');
      for (const object of objects)
        expect(validateManifest(object)).toEqual([]);
    });

    it('fails on a value the renderer rejects, naming the field, before anything is committed', async () => {
      const before = await heads();
      // The form has no pattern for the storage class; the renderer's spec does.
      const { task, events, responses } = await scaffolder.runTask(
        { ...PLATFORM_VALUES, storageClass: 'Ceph_Block', branch: 'bad' },
        'harbor-platform',
      );
      seen.push(...responses);
      expect(task.status).toBe('failed');
      // The scaffolder checks the action's JSON schema (derived from the renderer's spec) before the handler.
      expect(logMessages(events)).toMatch(
        /harbor:platform:render, instance\.platform\.storageClass does not match pattern/,
      );
      expect(await heads()).toBe(before);
    });
  });

  describe('templates/harbor-project (onboarding)', () => {
    it('dry-runs: renders the deliveries and plans the commit, writes nothing anywhere', async () => {
      const res = await scaffolder.dryRun(ONBOARDING_VALUES);
      seen.push(res.text);
      expect(res.status).toBe(200);
      const messages = res.body.log.map((l: any) => l.body.message).join('\n');
      expect(messages).toContain(
        '[dry run] Rendered the robot deliveries of project team-gitops to team-gitops, team-gitops-staging: 4 files with 6 objects',
      );
      expect(messages).toContain(
        `[dry run] would create branch onboard-team-gitops of ${h.gitops.repoUrl}`,
      );
      expect(await heads()).not.toContain('onboard-team-gitops');
      expect(h.sim.state.projectByName('team-gitops')).toBeUndefined();
    });

    it("commits the team's robot deliveries: schema-valid, referencing the robot Secrets, never their values", async () => {
      const { task, events, responses } = await scaffolder.runTask(
        ONBOARDING_VALUES,
      );
      seen.push(...responses);
      expect(task.status).toBe('completed');

      const files = await h.gitops.files('onboard-team-gitops');
      expect([...files.keys()].sort()).toEqual([
        'platform/harbor/teams/team-a/harbor-robot-team-gitops-ci/external-secrets.yaml',
        'platform/harbor/teams/team-a/harbor-robot-team-gitops-ci/push-secret.yaml',
        'platform/harbor/teams/team-a/harbor-robot-team-gitops-deploy/external-secrets.yaml',
        'platform/harbor/teams/team-a/harbor-robot-team-gitops-deploy/push-secret.yaml',
      ]);
      const objects = await h.gitops.objects('onboard-team-gitops');
      for (const object of objects)
        expect(validateManifest(object)).toEqual([]);
      // The PushSecrets read exactly the Secrets the robot action wrote, in its namespace.
      const pushed = objects
        .filter(o => o.kind === 'PushSecret')
        .map(o => `${o.metadata.namespace}/${o.spec.selector.secret.name}`);
      expect(pushed).toEqual([
        'harbor/harbor-robot-team-gitops-ci',
        'harbor/harbor-robot-team-gitops-deploy',
      ]);
      for (const name of pushed)
        expect(
          h.k8s.get('v1', 'Secret', name.split('/')[0], name.split('/')[1]),
        ).toBeDefined();
      expect(
        objects
          .filter(o => o.kind === 'ExternalSecret')
          .map(o => o.metadata.namespace)
          .sort(),
      ).toEqual([
        'team-gitops',
        'team-gitops',
        'team-gitops-staging',
        'team-gitops-staging',
      ]);

      const completion = events.find(e => e.type === 'completion')!;
      const text = completion.body.output.text
        .map((t: any) => t.content)
        .join('\n');
      expect(text).toContain('Branch `onboard-team-gitops`');
      expect(text).toContain(
        'delivers harbor-robot-team-gitops-ci, harbor-robot-team-gitops-deploy',
      );
    });

    it('without robot accounts commits nothing, and its output text says so instead of showing a raw template', async () => {
      const before = await heads();
      const { task, events, responses } = await scaffolder.runTask({
        ...ONBOARDING_VALUES,
        project: 'team-no-robots',
        robots: [],
      });
      seen.push(...responses);
      expect(task.status).toBe('completed');
      expect(await heads()).toBe(before);
      const completion = events.find(e => e.type === 'completion')!;
      const pullSecrets = completion.body.output.text.find(
        (t: any) => t.title === 'Pull secrets',
      );
      expect(pullSecrets.content).toBe(
        'No robot accounts, so there are no pull secrets to deliver.',
      );
    });
  });

  // Last: searches everything the runs above produced.
  it('puts no robot secret, Harbor password, cluster token or Git password in the repository, task logs, outputs or backend log', async () => {
    const secrets = h.sim.state.robots.map(r => r.secret);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const repository: string[] = [];
    for (const ref of (await heads()).split('\n').filter(Boolean)) {
      for (const [name, content] of await h.gitops.files(ref))
        repository.push(name, content);
      repository.push(await h.gitops.git(['log', '--format=%B', ref]));
    }
    const everything = [...repository, ...seen, ...backendLog].join('\n');
    // The search covers real content: manifests, task logs and the backend's own log lines.
    expect(everything).toContain('kind: PushSecret');
    expect(everything).toContain('kind: HelmRelease');
    expect(everything).toContain('write-secret');
    expect(backendLog.some(l => l.includes('harbor:gitops:commit'))).toBe(true);
    // Booleans, so that a failure does not print the very credential it found.
    const found = [
      ...secrets,
      h.sim.adminCredentials.password,
      DEFAULT_ADMIN_TOKEN.token,
      GIT_PASSWORD,
      Buffer.from(`scaffolder:${GIT_PASSWORD}`).toString('base64'),
    ].filter(secret => everything.includes(secret));
    expect(found.length).toBe(0);
  });
});
