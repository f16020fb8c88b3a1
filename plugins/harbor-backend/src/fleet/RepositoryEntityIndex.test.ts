import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HarborInstances } from '@backstage-harbor/plugin-harbor-node';
import { component } from '../__testUtils__/testBackend';
import { RepositoryEntityIndex } from './RepositoryEntityIndex';

const instances = HarborInstances.fromConfig(
  new ConfigReader({
    harbor: {
      instances: [
        { name: 'prod', baseUrl: 'https://harbor.example.com' },
        { name: 'edge', baseUrl: 'https://harbor-edge.example.com' },
      ],
    },
  }),
);

function withEtag(entity: Entity, etag: string): Entity {
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

/** A catalog whose entities a test can change between reads. */
function mutableCatalog(initial: Entity[]) {
  let entities = initial;
  return {
    set: (next: Entity[]) => {
      entities = next;
    },
    catalog: () => catalogServiceMock({ entities }),
  };
}

function indexOver(source: ReturnType<typeof mutableCatalog>) {
  const catalog = {
    queryEntities: (req: any, opts: any) =>
      source.catalog().queryEntities(req, opts),
  } as any;
  return new RepositoryEntityIndex({
    catalog,
    auth: mockServices.auth(),
    instances,
    logger: mockServices.logger.mock(),
  });
}

const refs = (index: RepositoryEntityIndex, instance: string, repo: string) =>
  index.lookup(instance, repo).map(e => e.entityRef);

describe('RepositoryEntityIndex', () => {
  it('maps nested repositories of several instances to the entities naming them, with their owners', async () => {
    const source = mutableCatalog([
      withEtag(
        component('gateway', 'platform/team/app, platform/team/worker', {
          owner: 'platform-team',
        }),
        'a',
      ),
      withEtag(
        component('edge-proxy', 'platform/team/app', { instance: 'edge' }),
        'b',
      ),
      withEtag(component('web', 'harbor-edge.example.com/team-a/web'), 'c'),
      withEtag(
        component('unknown-instance', 'team-a/web', { instance: 'nowhere' }),
        'd',
      ),
      withEtag(component('no-slug'), 'e'),
    ]);
    const index = indexOver(source);
    await index.rebuild();
    expect(refs(index, 'prod', 'platform/team/worker')).toEqual([
      'component:default/gateway',
    ]);
    expect(refs(index, 'prod', 'platform/team/app')).toEqual([
      'component:default/gateway',
    ]);
    expect(refs(index, 'edge', 'platform/team/app')).toEqual([
      'component:default/edge-proxy',
    ]);
    expect(refs(index, 'edge', 'team-a/web')).toEqual([
      'component:default/web',
    ]);
    expect(refs(index, 'prod', 'team-a/web')).toEqual([]);
    expect(refs(index, 'prod', 'platform/team')).toEqual([]);
    expect(index.lookup('prod', 'platform/team/app')[0].owners).toEqual([
      'group:default/platform-team',
    ]);
    expect(index.size).toBe(3);
  });

  it('refreshes only what changed: a moved slug, a removed entity, a new one', async () => {
    const gateway = component('gateway', 'platform/team/app');
    const source = mutableCatalog([
      withEtag(gateway, '1'),
      withEtag(component('web', 'team-a/web'), '1'),
    ]);
    const index = indexOver(source);
    await index.rebuild();
    source.set([
      withEtag(component('gateway', 'platform/team/worker'), '2'),
      withEtag(component('api', 'team-a/api'), '1'),
    ]);
    expect(await index.refresh()).toEqual({ changed: 2, removed: 1 });
    expect(refs(index, 'prod', 'platform/team/app')).toEqual([]);
    expect(refs(index, 'prod', 'platform/team/worker')).toEqual([
      'component:default/gateway',
    ]);
    expect(refs(index, 'prod', 'team-a/web')).toEqual([]);
    expect(refs(index, 'prod', 'team-a/api')).toEqual([
      'component:default/api',
    ]);
    expect(await index.refresh()).toEqual({ changed: 0, removed: 0 });
  });
});
