import { clientsFor } from './__testUtils__/clients';
import { harborPlatformObjects } from './harborPlatform';
import { CUSTOM_RESOURCES } from './customResources';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';
import type { KubernetesObject } from './types';

/** Creates the object through the API (validated), then writes its status through the /status subresource. */
async function apply(
  clients: ReturnType<typeof clientsFor>,
  object: KubernetesObject,
) {
  const { status, ...body } = structuredClone(object);
  const namespace = object.metadata.namespace!;
  const name = object.metadata.name!;
  if (object.kind === 'Namespace') {
    await clients.core.createNamespace({ body: body as any });
    return;
  }
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
    const created = await (object.kind === 'Deployment'
      ? clients.apps.createNamespacedDeployment({
          namespace,
          body: body as any,
        })
      : clients.apps.createNamespacedStatefulSet({
          namespace,
          body: body as any,
        }));
    const withStatus = { ...created, status } as any;
    await (object.kind === 'Deployment'
      ? clients.apps.replaceNamespacedDeploymentStatus({
          name,
          namespace,
          body: withStatus,
        })
      : clients.apps.replaceNamespacedStatefulSetStatus({
          name,
          namespace,
          body: withStatus,
        }));
    return;
  }
  const [group, version] = object.apiVersion.split('/');
  const { plural } = CUSTOM_RESOURCES.find(
    c => c.group === group && c.kind === object.kind,
  )!;
  const created = await clients.custom.createNamespacedCustomObject({
    group,
    version,
    namespace,
    plural,
    body,
  });
  await clients.custom.replaceNamespacedCustomObjectStatus({
    group,
    version,
    namespace,
    plural,
    name,
    body: { ...created, status },
  });
}

describe('harborPlatformObjects', () => {
  let sim: KubernetesSimulator;
  beforeEach(async () => {
    sim = await startKubernetesSimulator({ seed: 'empty' });
  });
  afterEach(() => sim.stop());

  it.each(['healthy', 'broken'] as const)(
    'the %s platform passes the API server validation of every kind and status',
    async state => {
      const clients = clientsFor(sim);
      const objects = harborPlatformObjects({ state, namespace: 'registry' });
      for (const object of objects) await apply(clients, object);
      expect(
        sim.list('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'registry'),
      ).toHaveLength(1);
      expect(
        sim.get('postgresql.cnpg.io/v1', 'Cluster', 'registry', 'harbor-db')
          ?.status,
      ).toMatchObject({ readyInstances: state === 'healthy' ? 3 : 2 });
    },
  );

  it('differs between healthy and broken only in status', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const specs = (state: 'healthy' | 'broken') =>
      harborPlatformObjects({ state, now }).map(({ status: _s, ...o }) => o);
    expect(specs('broken')).toEqual(specs('healthy'));
  });
});
