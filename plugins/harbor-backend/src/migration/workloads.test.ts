import { workloadsOnHosts } from './workloads';

const pod = (name: string, images: string[], init: string[] = []) => ({
  metadata: {
    name,
    namespace: 'team-a',
    ownerReferences: [{ kind: 'ReplicaSet', name: `${name}-rs` }],
  },
  spec: {
    initContainers: init.map((image, i) => ({ name: `init-${i}`, image })),
    containers: images.map((image, i) => ({ name: `c-${i}`, image })),
  },
});

describe('workloadsOnHosts', () => {
  const hosts = new Set(['registry.old.example.com:5000']);

  it('finds containers and init containers whose image names the old registry, with the old repository', () => {
    const found = workloadsOnHosts(
      [
        pod(
          'api',
          [
            'registry.old.example.com:5000/team-a/api:2.0',
            'harbor.example.com/team-a/web:1',
          ],
          [
            `registry.old.example.com:5000/tools/migrate@sha256:${'a'.repeat(
              64,
            )}`,
          ],
        ),
      ],
      hosts,
    );
    expect(found).toEqual([
      expect.objectContaining({ source: 'tools/migrate', container: 'init-0' }),
      {
        source: 'team-a/api',
        namespace: 'team-a',
        pod: 'api',
        owner: 'ReplicaSet/api-rs',
        container: 'c-0',
        image: 'registry.old.example.com:5000/team-a/api:2.0',
      },
    ]);
  });

  it('ignores Docker Hub images whose first path component looks like a name', () => {
    expect(workloadsOnHosts([pod('x', ['team-a/api:2.0'])], hosts)).toEqual([]);
  });

  it('reads image hosts as the running-images card does: any case, default ports left out', () => {
    const found = workloadsOnHosts(
      [
        pod('x', [
          'Registry.Old.example.com:5000/team-a/api:2.0',
          'old.example.com:443/team-a/web:1',
        ]),
      ],
      ['registry.old.example.com:5000', 'old.example.com'],
    );
    expect(found.map(w => w.source)).toEqual(['team-a/api', 'team-a/web']);
  });
});
