import { isOnOldRegistry, oldRegistryHosts } from './oldRegistryHosts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('oldRegistryHosts', () => {
  it('names the old registry by the host of url and of harborUrl, and the extra hosts, each once', () => {
    expect(
      oldRegistryHosts(
        {
          url: 'https://Registry.Old.example.com',
          harborUrl: 'http://old-registry.registry.svc:5000',
        },
        ['registry.old.example.com', 'LEGACY.example.com:5000'],
      ),
    ).toEqual([
      'registry.old.example.com',
      'old-registry.registry.svc:5000',
      'legacy.example.com:5000',
    ]);
  });

  it('gives only the extra hosts without an old registry', () => {
    expect(oldRegistryHosts(undefined, ['old.example.com'])).toEqual([
      'old.example.com',
    ]);
    expect(oldRegistryHosts(undefined)).toEqual([]);
  });
});

describe('isOnOldRegistry', () => {
  const hosts = oldRegistryHosts({
    url: 'https://registry.old.example.com',
    harborUrl: 'http://old-registry.registry.svc:5000',
  });

  it('flags images pulled through the host Harbor reaches the old registry by', () => {
    expect(
      isOnOldRegistry('old-registry.registry.svc:5000/team-a/api:2.0', hosts),
    ).toBe(true);
  });

  it('flags the host Backstage reaches it by, with a tag, a digest or both, in any case', () => {
    expect(isOnOldRegistry('registry.old.example.com/team-a/api', hosts)).toBe(
      true,
    );
    expect(
      isOnOldRegistry(`Registry.Old.example.com/team-a/api@${DIGEST}`, hosts),
    ).toBe(true);
    expect(
      isOnOldRegistry(
        `registry.old.example.com/team-a/api:2.0@${DIGEST}`,
        hosts,
      ),
    ).toBe(true);
  });

  it('reads ports as the registry does: a default one is the same registry, another one is another', () => {
    expect(
      isOnOldRegistry('registry.old.example.com:443/team-a/api:2.0', hosts),
    ).toBe(true);
    expect(
      isOnOldRegistry('registry.old.example.com:5000/team-a/api:2.0', hosts),
    ).toBe(false);
    expect(isOnOldRegistry('old-registry.registry.svc/team-a/api', hosts)).toBe(
      false,
    );
    expect(
      isOnOldRegistry('localhost:5000/team-a/api', ['localhost:5000']),
    ).toBe(true);
  });

  it('reads a reference without a host as Docker Hub, whatever its path', () => {
    expect(isOnOldRegistry('team-a/api:2.0', hosts)).toBe(false);
    expect(isOnOldRegistry('nginx', ['docker.io'])).toBe(true);
    expect(isOnOldRegistry('library/nginx:1.25', ['index.docker.io'])).toBe(
      true,
    );
    expect(
      isOnOldRegistry('index.docker.io/library/nginx', ['docker.io']),
    ).toBe(true);
  });

  it('takes a parsed reference and puts an invalid one on no registry', () => {
    expect(
      isOnOldRegistry(
        { registry: 'old-registry.registry.svc:5000', repository: 'x' },
        hosts,
      ),
    ).toBe(true);
    expect(isOnOldRegistry('registry.old.example.com/UPPER:1', hosts)).toBe(
      false,
    );
  });
});
