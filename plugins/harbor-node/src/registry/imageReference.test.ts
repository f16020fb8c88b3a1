import { digestOfImageId, parseImageReference } from './imageReference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    [
      'nginx',
      { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' },
    ],
    [
      'bitnami/redis:7.2',
      { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' },
    ],
    [
      'Harbor.Example.com/team-a/web:v1.4.1',
      {
        registry: 'harbor.example.com',
        repository: 'team-a/web',
        tag: 'v1.4.1',
      },
    ],
    [
      `127.0.0.1:7008/platform/team/app:2.3.1@${DIGEST}`,
      {
        registry: '127.0.0.1:7008',
        repository: 'platform/team/app',
        tag: '2.3.1',
        digest: DIGEST,
      },
    ],
    [
      `registry.old.example.com/payments@${DIGEST}`,
      {
        registry: 'registry.old.example.com',
        repository: 'payments',
        digest: DIGEST,
      },
    ],
    [
      'localhost/app',
      { registry: 'localhost', repository: 'app', tag: 'latest' },
    ],
    [
      'index.docker.io/library/alpine:3.20',
      { registry: 'docker.io', repository: 'library/alpine', tag: '3.20' },
    ],
  ])('splits %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it.each(['', 'UPPER/case', 'repo@sha256:short', 'repo:bad tag', 'a//b'])(
    'refuses %p',
    image => {
      expect(parseImageReference(image)).toBeUndefined();
    },
  );
});

describe('digestOfImageId', () => {
  it('reads the digest of the forms kubelets report', () => {
    expect(digestOfImageId(`docker-pullable://nginx@${DIGEST}`)).toBe(DIGEST);
    expect(digestOfImageId(`harbor.example.com/team-a/web@${DIGEST}`)).toBe(
      DIGEST,
    );
  });

  it('ignores a bare config id and an absent one', () => {
    expect(digestOfImageId(DIGEST)).toBeUndefined();
    expect(digestOfImageId(undefined)).toBeUndefined();
    expect(digestOfImageId('')).toBeUndefined();
  });
});
