import fs from 'node:fs';
import path from 'node:path';
import { validateManifest } from '@backstage-harbor/harbor-platform-manifests';
import {
  listFiles,
  runInWorkspace,
  yamlObjectsUnder,
} from '../__testUtils__/workspace';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createRenderPlatformAction } from './renderPlatform';

const PLATFORM = {
  hostname: 'harbor.internal.example.com',
  storageClass: 'ceph-block',
  s3: {
    endpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc',
    bucket: 'harbor-registry',
    encrypt: false,
  },
  ingress: { className: 'internal', clusterIssuer: 'internal-ca' },
  onePassword: { clusterSecretStore: 'op-platform' },
  monitoring: {
    runbookBaseUrl: 'https://backstage.example.com/docs/default/system/x',
  },
};

describe('harbor:platform:render', () => {
  const action = createRenderPlatformAction({
    authorizer: testAuthorizer(),
  });
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach(c => c()));
  const run = async (input: Record<string, unknown>, dryRun = false) => {
    const result = await runInWorkspace(action, input, { dryRun });
    cleanups.push(result.cleanup);
    return result;
  };

  it('renders every file at its repository path under targetPath, each object valid against its schema', async () => {
    const { workspace, outputs, error, lines } = await run({
      platform: PLATFORM,
    });
    expect(error).toBeUndefined();
    expect(outputs.sourcePath).toBe('gitops/platform/harbor');
    expect(outputs.repoPath).toBe('platform/harbor');
    const folder = path.join(workspace, outputs.sourcePath);
    expect(listFiles(folder)).toEqual(
      outputs.files
        .map((f: { path: string }) => f.path.replace('platform/harbor/', ''))
        .sort(),
    );
    const objects = yamlObjectsUnder(folder);
    expect(objects.length).toBeGreaterThan(15);
    for (const object of objects) expect(validateManifest(object)).toEqual([]);
    expect(
      outputs.files.find(
        (f: { path: string }) =>
          f.path === 'platform/harbor/app/helm-release.yaml',
      ).objects,
    ).toEqual(['HelmRelease harbor/harbor']);
    expect(lines.join('\n')).toMatch(
      /Rendered the Harbor platform into platform\/harbor: 13 files with \d+ objects, each valid against its schema/,
    );
  });

  it('renders in a dry run too, into its own workspace, and says so', async () => {
    const { workspace, outputs, lines, error } = await run(
      { platform: PLATFORM, targetPath: 'out' },
      true,
    );
    expect(error).toBeUndefined();
    expect(outputs.sourcePath).toBe('out/platform/harbor');
    expect(listFiles(path.join(workspace, 'out'))).toContain(
      'platform/harbor/app/helm-release.yaml',
    );
    expect(lines.join('\n')).toContain(
      '(the dry run renders into its own workspace; nothing leaves it)',
    );
  });

  it.each([['../outside'], ['/etc/harbor'], ['a/../../b']])(
    'refuses targetPath %s, which leaves the workspace, and writes nothing',
    async targetPath => {
      const { workspace, error } = await run({
        platform: PLATFORM,
        targetPath,
      });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(
        `targetPath: '${targetPath}' is outside the workspace`,
      );
      expect(listFiles(workspace)).toEqual([]);
      expect(fs.existsSync(path.resolve(workspace, '../outside'))).toBe(false);
    },
  );

  it('rejects an invalid platform naming the field, and writes nothing', async () => {
    const { workspace, error } = await run({
      platform: { ...PLATFORM, hostname: 'Not A Host', storageClass: '' },
    });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(/platform\.hostname: hostname must be/);
    expect(error?.message).toMatch(/platform\.storageClass/);
    expect(listFiles(workspace)).toEqual([]);
  });

  it('never renders a value that is not a reference: a secret passed in by mistake is dropped', async () => {
    const leaked = 'zz-leaked-admin-password-91c2';
    const { workspace, error, outputs } = await run({
      platform: { ...PLATFORM, adminPassword: leaked },
    });
    expect(error).toBeUndefined();
    const text = listFiles(workspace)
      .map(f => fs.readFileSync(path.join(workspace, f), 'utf8'))
      .join('\n');
    expect(text).not.toContain(leaked);
    expect(JSON.stringify(outputs)).not.toContain(leaked);
    const kinds = new Set(yamlObjectsUnder(workspace).map(o => o.kind));
    expect(kinds.has('Secret')).toBe(false);
  });

  it('rejects unknown inputs beside platform', async () => {
    const { error } = await run({ platform: PLATFORM, password: 'x' });
    expect(error?.message).toMatch(/password: not an input/);
  });
});
