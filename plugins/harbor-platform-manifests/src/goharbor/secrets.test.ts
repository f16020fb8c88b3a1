import {
  FAKE_ITEMS,
  findObject,
  goharborFullSpec,
} from '../__testUtils__/fixtures';
import {
  externalSecretData,
  fakeSecretValue,
} from '../__testUtils__/helmValues';
import { platformNames } from '../names';
import { renderHarborPlatform } from '../render';
import { parseHarborPlatformSpec } from '../spec';
import { goharborSecretNames } from './secrets';

describe('the official chart’s ExternalSecrets', () => {
  const files = renderHarborPlatform(goharborFullSpec);
  const secrets = goharborSecretNames(
    platformNames(parseHarborPlatformSpec(goharborFullSpec)),
  );
  const core = findObject<any>(files, 'ExternalSecret', secrets.core);
  const withValue = (key: string, value: string) => (k: string) =>
    k === key ? value : fakeSecretValue(k);

  it('write core’s keys under the names the chart reads, from the core item', () => {
    expect(externalSecretData(core)).toEqual({
      secret: fakeSecretValue('secret'),
      secretKey: fakeSecretValue('secretKey'),
      CSRF_KEY: fakeSecretValue('csrfKey'),
    });
    expect(
      core.spec.data.map((d: any) => d.remoteRef.key.split('/')[0]),
    ).toEqual([FAKE_ITEMS.core, FAKE_ITEMS.core, FAKE_ITEMS.core]);
  });

  it.each([
    ['secretKey', 16, 'the core secretKey'],
    ['csrfKey', 32, 'the core csrfKey'],
  ])(
    'refuse a %s that is not %d characters, without echoing it',
    (key, length, what) => {
      const wrong = 'w'.repeat(length - 1);
      let message = '';
      try {
        externalSecretData(core, withValue(key, wrong));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`${what} must be exactly ${length} characters`);
      expect(message).not.toContain(wrong);
    },
  );

  it('render no secret value, only 1Password references', () => {
    const text = files.map(f => f.content).join('\n');
    expect(
      files.flatMap(f => f.objects).filter(o => o.kind === 'Secret'),
    ).toEqual([]);
    for (const key of ['secretKey', 'csrfKey', 'password']) {
      expect(text).not.toContain(fakeSecretValue(key));
    }
  });
});
