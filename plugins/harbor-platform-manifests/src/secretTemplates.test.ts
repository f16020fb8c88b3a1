import { parse } from 'yaml';
import { fullSpec } from './__testUtils__/fixtures';
import {
  externalSecretData,
  fakeSecretValue,
} from './__testUtils__/helmValues';
import { platformNames } from './names';
import { renderHarborPlatform } from './render';
import { parseHarborPlatformSpec } from './spec';

/** The External Secrets templates, executed with the Go template interpreter the chart tests use. */
describe('External Secrets templates of the platform', () => {
  const names = platformNames(parseHarborPlatformSpec(fullSpec));
  const objects = renderHarborPlatform(fullSpec).flatMap(f => f.objects);
  const externalSecret = (name: string) =>
    objects.find(
      o => o.kind === 'ExternalSecret' && o.metadata.name === name,
    ) as any;
  const withValue = (key: string, value: string) => (k: string) =>
    k === key ? value : fakeSecretValue(k);

  it('writes the core secretKey only when it has exactly 16 characters, without echoing it', () => {
    const core = externalSecret(names.secrets.core);
    expect(externalSecretData(core)).toEqual({
      secret: fakeSecretValue('secret'),
      secretKey: fakeSecretValue('secretKey'),
    });
    expect(fakeSecretValue('secretKey')).toHaveLength(16);
    for (const wrong of ['short-key-15-chr', 'a-seventeen-chars'].map(v =>
      v.slice(0, v.length === 16 ? 15 : 17),
    )) {
      expect(wrong).not.toHaveLength(16);
      let message = '';
      try {
        externalSecretData(core, withValue('secretKey', wrong));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(
        'the core secretKey must be exactly 16 characters',
      );
      expect(message).not.toContain(wrong);
    }
  });

  it('writes the Helm values file only with a 32-character csrfKey', () => {
    const values = externalSecret(names.secrets.helmValues);
    expect(fakeSecretValue('csrfKey')).toHaveLength(32);
    expect(parse(externalSecretData(values)['values.yaml']).core.csrfKey).toBe(
      fakeSecretValue('csrfKey'),
    );
    expect(() =>
      externalSecretData(values, withValue('csrfKey', 'x'.repeat(31))),
    ).toThrow('the core csrfKey must be exactly 32 characters');
  });

  it('fills the chart registry Secret from three 1Password items', () => {
    const registry = externalSecret(names.secrets.registry);
    const items = parseHarborPlatformSpec(fullSpec).onePassword.items;
    const itemOf = (key: string) =>
      registry.spec.data
        .find((d: any) => d.secretKey === key)
        .remoteRef.key.split('/')[0];
    expect(itemOf('REGISTRY_HTTP_SECRET')).toBe(items.registry);
    expect(itemOf('REGISTRY_REDIS_PASSWORD')).toBe(items.dragonfly);
    expect(itemOf('REGISTRY_STORAGE_S3_ACCESSKEY')).toBe(items.s3);
    expect(itemOf('REGISTRY_STORAGE_S3_SECRETKEY')).toBe(items.s3);
  });
});
