import {
  allObjects,
  FAKE_ITEMS,
  fullSpec,
  minimalSpec,
} from './__testUtils__/fixtures';
import { renderHarborPlatform } from './render';
import { ExternalSecret, onePasswordRemoteRef } from './secrets';
import { renderTeamRobotDelivery } from './teamDelivery';

describe('platform secrets', () => {
  const files = renderHarborPlatform(fullSpec);
  const externalSecrets = allObjects(files).filter(
    o => o.kind === 'ExternalSecret',
  ) as ExternalSecret[];

  it('renders no Secret and no data or stringData anywhere', () => {
    const robot = renderTeamRobotDelivery({
      project: 'p',
      robot: 'r',
      teamNamespaces: ['t'],
    });
    for (const file of [...files, ...robot]) {
      expect(file.objects.filter(o => o.kind === 'Secret')).toEqual([]);
      // ExternalSecret.spec.data holds references (secretKey + remoteRef), never values. Only a ConfigMap (the
      // Grafana sidecar's dashboard) has top-level data.
      expect(file.content).not.toMatch(/^\s*stringData:/m);
    }
    const withoutConfigMaps = [...files, ...robot].filter(
      file => !file.objects.every(o => o.kind === 'ConfigMap'),
    );
    for (const file of withoutConfigMaps) {
      expect(file.content).not.toMatch(/^data:/m);
    }
    expect(
      [...files, ...robot].some(f =>
        f.objects.some(o => o.kind === 'ExternalSecret'),
      ),
    ).toBe(true);
  });

  it('refers to each 1Password item only as a remoteRef key', () => {
    const text = files.map(f => f.content).join('\n');
    for (const item of Object.values(FAKE_ITEMS)) {
      const lines = text
        .split('\n')
        .filter(line => line.includes(item) && !line.includes('|'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.trim()).toMatch(new RegExp(`^key: ${item}/[A-Za-z-]+$`));
      }
    }
  });

  it('has an ExternalSecret for every credential from the configured store', () => {
    expect(externalSecrets.map(es => es.spec.target.name).sort()).toEqual([
      'harbor-admin',
      'harbor-core-keys',
      'harbor-db-backup-s3',
      'harbor-dragonfly',
      'harbor-helm-values',
      'harbor-jobservice-keys',
      'harbor-registry-keys',
      'harbor-token-service',
    ]);
    for (const es of externalSecrets) {
      expect(es.spec.secretStoreRef).toEqual({
        kind: 'ClusterSecretStore',
        name: 'op-platform',
      });
    }
  });

  it('feeds the backup ObjectStore from the backup ExternalSecret', () => {
    const store = allObjects(files).find(o => o.kind === 'ObjectStore') as any;
    const refs = store.spec.configuration.s3Credentials;
    const source = externalSecrets.find(
      es => es.spec.target.name === refs.accessKeyId.name,
    )!;
    expect(source.spec.data.map(d => d.secretKey)).toEqual([
      refs.accessKeyId.key,
      refs.secretAccessKey.key,
    ]);
  });

  it('addresses fields the way the configured 1Password provider expects', () => {
    expect(onePasswordRemoteRef('onepasswordSDK', 'item', 'field')).toEqual({
      key: 'item/field',
    });
    expect(onePasswordRemoteRef('onepassword', 'item', 'field')).toEqual({
      key: 'item',
      property: 'field',
    });
    const connect = renderHarborPlatform({
      ...minimalSpec,
      onePassword: { provider: 'onepassword' },
    });
    const admin = allObjects(connect).find(
      o => o.metadata.name === 'harbor-admin',
    ) as ExternalSecret;
    expect(admin.spec.data[0].remoteRef).toEqual({
      key: 'harbor-admin',
      property: 'password',
    });
  });
});
