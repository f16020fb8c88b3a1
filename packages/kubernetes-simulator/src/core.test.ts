import {
  PatchStrategy,
  setHeaderOptions,
  V1Secret,
} from '@kubernetes/client-node';
import { clientsFor, failureOf } from './__testUtils__/clients';
import { SEED_IMAGES, seedImageId } from './seed';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

describe('core v1 over @kubernetes/client-node', () => {
  let sim: KubernetesSimulator;
  let core: ReturnType<typeof clientsFor>['core'];

  beforeEach(async () => {
    sim = await startKubernetesSimulator();
    ({ core } = clientsFor(sim));
  });

  afterEach(() => sim.stop());

  const secret = (
    name: string,
    data: Record<string, string> = {},
  ): V1Secret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, labels: { app: 'web' } },
    stringData: data,
  });

  describe('list', () => {
    it('finds the seeded pods of an entity by its backstage.io/kubernetes-id label, with image digests', async () => {
      const pods = await core.listNamespacedPod({
        namespace: 'team-a',
        labelSelector: 'backstage.io/kubernetes-id=web',
      });
      expect(pods.items.map(p => p.metadata?.name)).toEqual([
        'web-7d9c8b6f5d-2xkqp',
        'web-7d9c8b6f5d-8wzrt',
      ]);
      expect(pods.items[0].status?.containerStatuses?.[0].imageID).toBe(
        seedImageId(SEED_IMAGES.web),
      );
      expect(pods.items[0].status?.containerStatuses?.[0].imageID).toMatch(
        /^harbor\.example\.com\/team-a\/web@sha256:[0-9a-f]{64}$/,
      );
    });

    it('lists across all namespaces with a set-based selector', async () => {
      const pods = await core.listPodForAllNamespaces({
        labelSelector: 'backstage.io/kubernetes-id in (api,payments)',
      });
      expect(
        pods.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`),
      ).toEqual([
        'team-a/api-5f6b7c8d9-qx4tn',
        'team-b/payments-6c7d8e9f0-m2v5b',
      ]);
    });

    it('treats `!=` and `!key` like Kubernetes: objects without the label match', async () => {
      const notWeb = await core.listNamespacedPod({
        namespace: 'team-a',
        labelSelector: 'backstage.io/kubernetes-id!=web',
      });
      expect(notWeb.items.map(p => p.metadata?.name)).toEqual([
        'api-5f6b7c8d9-qx4tn',
      ]);
      const unlabelled = await core.listNamespacedPod({
        namespace: 'team-a',
        labelSelector: '!pod-template-hash',
      });
      expect(unlabelled.items).toHaveLength(1);
    });

    it('filters by metadata.name with a field selector and rejects unsupported fields', async () => {
      const one = await core.listNamespace({
        fieldSelector: 'metadata.name=team-b',
      });
      expect(one.items.map(n => n.metadata?.name)).toEqual(['team-b']);
      const failure = await failureOf(
        core.listNamespacedPod({
          namespace: 'team-a',
          fieldSelector: 'spec.foo=x',
        }),
      );
      expect(failure.code).toBe(400);
      expect(failure.status?.message).toBe(
        'field label not supported: spec.foo',
      );
    });

    it('pages with limit and continue', async () => {
      const first = await core.listNamespace({ limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.metadata?.remainingItemCount).toBe(3);
      const rest = await core.listNamespace({
        _continue: first.metadata?._continue,
      });
      expect(rest.items.map(n => n.metadata?.name)).toEqual([
        'kube-system',
        'team-a',
        'team-b',
      ]);
    });
  });

  describe('create', () => {
    it('stores a Secret with uid, resourceVersion and creationTimestamp, folding stringData into data', async () => {
      const created = await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db', { password: 's3cret' }),
      });
      expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
      expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
      expect(created.type).toBe('Opaque');
      expect(created.stringData).toBeUndefined();
      expect(created.data).toEqual({
        password: Buffer.from('s3cret').toString('base64'),
      });

      const read = await core.readNamespacedSecret({
        name: 'db',
        namespace: 'team-a',
      });
      expect(read.metadata?.resourceVersion).toBe(
        created.metadata?.resourceVersion,
      );
    });

    it('answers 409 AlreadyExists for a second object of the same name', async () => {
      await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db'),
      });
      const failure = await failureOf(
        core.createNamespacedSecret({
          namespace: 'team-a',
          body: secret('db'),
        }),
      );
      expect(failure.code).toBe(409);
      expect(failure.status).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'AlreadyExists',
        message: 'secrets "db" already exists',
        details: { name: 'db', kind: 'secrets' },
        code: 409,
      });
    });

    it('answers 404 NotFound when the namespace does not exist', async () => {
      const failure = await failureOf(
        core.createNamespacedSecret({
          namespace: 'nowhere',
          body: secret('db'),
        }),
      );
      expect(failure.code).toBe(404);
      expect(failure.status).toMatchObject({
        reason: 'NotFound',
        message: 'namespaces "nowhere" not found',
      });
    });

    it('generates a name from generateName', async () => {
      const created = await core.createNamespacedConfigMap({
        namespace: 'team-b',
        body: { metadata: { generateName: 'settings-' }, data: { a: 'b' } },
      });
      expect(created.metadata?.name).toMatch(
        /^settings-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      );
    });

    it('rejects a name that is not a DNS-1123 subdomain with 422 naming metadata.name', async () => {
      const failure = await failureOf(
        core.createNamespacedSecret({
          namespace: 'team-a',
          body: secret('Bad_Name'),
        }),
      );
      expect(failure.code).toBe(422);
      expect(failure.status?.reason).toBe('Invalid');
      expect(failure.status?.message).toMatch(
        /^Secret "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      );
    });

    it('creates namespaces whose names must be DNS-1123 labels', async () => {
      const ns = await core.createNamespace({
        body: { metadata: { name: 'team-c' } },
      });
      expect(ns.status?.phase).toBe('Active');
      const failure = await failureOf(
        core.createNamespace({ body: { metadata: { name: 'team.c' } } }),
      );
      expect(failure.code).toBe(422);
      expect(failure.status?.details?.causes?.[0].field).toBe('metadata.name');
    });

    it('validates without storing on dryRun=All', async () => {
      await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('dry'),
        dryRun: 'All',
      });
      await expect(
        failureOf(
          core.readNamespacedSecret({ name: 'dry', namespace: 'team-a' }),
        ),
      ).resolves.toMatchObject({ code: 404 });
    });
  });

  describe('replace', () => {
    it('answers 409 Conflict for a stale resourceVersion and accepts the current one', async () => {
      const created = await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db', { a: '1' }),
      });
      const updated = await core.replaceNamespacedSecret({
        name: 'db',
        namespace: 'team-a',
        body: { ...created, stringData: { a: '2' } },
      });
      expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
        Number(created.metadata?.resourceVersion),
      );
      expect(updated.metadata?.uid).toBe(created.metadata?.uid);

      const failure = await failureOf(
        core.replaceNamespacedSecret({
          name: 'db',
          namespace: 'team-a',
          body: { ...created, stringData: { a: '3' } },
        }),
      );
      expect(failure.code).toBe(409);
      expect(failure.status).toMatchObject({
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on secrets "db": the object has been modified; please apply your changes to the latest version and try again',
      });
    });

    it('keeps the resourceVersion when nothing changes', async () => {
      const created = await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db', { a: '1' }),
      });
      const same = await core.replaceNamespacedSecret({
        name: 'db',
        namespace: 'team-a',
        body: created,
      });
      expect(same.metadata?.resourceVersion).toBe(
        created.metadata?.resourceVersion,
      );
    });

    it('refuses a body whose name differs from the URL', async () => {
      const created = await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db'),
      });
      const failure = await failureOf(
        core.replaceNamespacedSecret({
          name: 'other',
          namespace: 'team-a',
          body: created,
        }),
      );
      expect(failure.code).toBe(400);
    });
  });

  describe('patch', () => {
    it('applies a merge patch, where null removes a label', async () => {
      await core.createNamespacedConfigMap({
        namespace: 'team-a',
        body: {
          metadata: { name: 'cfg', labels: { a: '1', b: '2' } },
          data: { k: 'v' },
        },
      });
      const patched = await core.patchNamespacedConfigMap(
        {
          name: 'cfg',
          namespace: 'team-a',
          body: {
            metadata: { labels: { a: null, c: '3' } },
            data: { k2: 'v2' },
          },
        },
        mergePatch,
      );
      expect(patched.metadata?.labels).toEqual({ b: '2', c: '3' });
      expect(patched.data).toEqual({ k: 'v', k2: 'v2' });
    });

    it('applies a JSON patch, and answers 422 when a test operation fails', async () => {
      await core.createNamespacedConfigMap({
        namespace: 'team-a',
        body: { metadata: { name: 'cfg' }, data: { k: 'v' } },
      });
      const patched = await core.patchNamespacedConfigMap(
        {
          name: 'cfg',
          namespace: 'team-a',
          body: [
            { op: 'test', path: '/data/k', value: 'v' },
            { op: 'replace', path: '/data/k', value: 'w' },
            {
              op: 'add',
              path: '/metadata/labels',
              value: { 'app.kubernetes.io/name': 'x' },
            },
          ],
        },
        jsonPatch,
      );
      expect(patched.data).toEqual({ k: 'w' });
      expect(patched.metadata?.labels).toEqual({
        'app.kubernetes.io/name': 'x',
      });

      const failure = await failureOf(
        core.patchNamespacedConfigMap(
          {
            name: 'cfg',
            namespace: 'team-a',
            body: [{ op: 'test', path: '/data/k', value: 'v' }],
          },
          jsonPatch,
        ),
      );
      expect(failure.code).toBe(422);
    });

    it('treats a resourceVersion in a merge patch as a precondition', async () => {
      const created = await core.createNamespacedConfigMap({
        namespace: 'team-a',
        body: { metadata: { name: 'cfg' }, data: { k: 'v' } },
      });
      await core.patchNamespacedConfigMap(
        { name: 'cfg', namespace: 'team-a', body: { data: { k: 'w' } } },
        mergePatch,
      );
      const failure = await failureOf(
        core.patchNamespacedConfigMap(
          {
            name: 'cfg',
            namespace: 'team-a',
            body: {
              metadata: { resourceVersion: created.metadata?.resourceVersion },
              data: { k: 'x' },
            },
          },
          mergePatch,
        ),
      );
      expect(failure.code).toBe(409);
    });

    it('answers 404 when patching an object that does not exist', async () => {
      const failure = await failureOf(
        core.patchNamespacedSecret(
          { name: 'none', namespace: 'team-a', body: { data: {} } },
          mergePatch,
        ),
      );
      expect(failure.code).toBe(404);
    });
  });

  describe('delete', () => {
    it('deletes a Secret, answering with a Success Status', async () => {
      const created = await core.createNamespacedSecret({
        namespace: 'team-a',
        body: secret('db'),
      });
      const status = await core.deleteNamespacedSecret({
        name: 'db',
        namespace: 'team-a',
      });
      expect(status).toMatchObject({
        status: 'Success',
        details: { name: 'db', kind: 'secrets', uid: created.metadata?.uid },
      });
      const failure = await failureOf(
        core.readNamespacedSecret({ name: 'db', namespace: 'team-a' }),
      );
      expect(failure.status?.message).toBe('secrets "db" not found');
    });

    it('keeps an object with finalizers, marked for deletion, until they are removed', async () => {
      await core.createNamespacedConfigMap({
        namespace: 'team-a',
        body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } },
      });
      await core.deleteNamespacedConfigMap({
        name: 'held',
        namespace: 'team-a',
      });
      const marked = await core.readNamespacedConfigMap({
        name: 'held',
        namespace: 'team-a',
      });
      expect(marked.metadata?.deletionTimestamp).toBeInstanceOf(Date);

      await core.patchNamespacedConfigMap(
        {
          name: 'held',
          namespace: 'team-a',
          body: { metadata: { finalizers: null } },
        },
        mergePatch,
      );
      const failure = await failureOf(
        core.readNamespacedConfigMap({ name: 'held', namespace: 'team-a' }),
      );
      expect(failure.code).toBe(404);
    });

    it('deletes a collection by label selector', async () => {
      for (const name of ['a', 'b', 'c']) {
        await core.createNamespacedConfigMap({
          namespace: 'team-a',
          body: {
            metadata: {
              name,
              labels: { batch: name === 'c' ? 'keep' : 'drop' },
            },
          },
        });
      }
      await core.deleteCollectionNamespacedConfigMap({
        namespace: 'team-a',
        labelSelector: 'batch=drop',
      });
      expect(
        sim.list('v1', 'ConfigMap', 'team-a').map(c => c.metadata.name),
      ).toEqual(['c']);
    });

    it('deletes the content of a deleted namespace', async () => {
      await core.deleteNamespace({ name: 'team-b' });
      expect(sim.list('v1', 'Pod', 'team-b')).toEqual([]);
      const failure = await failureOf(core.readNamespace({ name: 'team-b' }));
      expect(failure.code).toBe(404);
    });
  });

  describe('status subresource', () => {
    it('changes only the status through /status, and ignores status on the main resource', async () => {
      const created = await core.createNamespacedPod({
        namespace: 'team-a',
        body: {
          metadata: { name: 'job' },
          spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
          status: { phase: 'Running' },
        },
      });
      expect(created.status?.phase).toBe('Pending');
      expect(created.metadata?.generation).toBe(1);

      const running = await core.replaceNamespacedPodStatus({
        name: 'job',
        namespace: 'team-a',
        body: {
          ...created,
          spec: { containers: [{ name: 'main', image: 'busybox:1.37' }] },
          status: { phase: 'Running' },
        },
      });
      expect(running.status?.phase).toBe('Running');
      expect(running.spec?.containers[0].image).toBe('busybox:1.36');
      expect(running.metadata?.generation).toBe(1);

      const imageChanged = await core.patchNamespacedPod(
        {
          name: 'job',
          namespace: 'team-a',
          body: {
            spec: { containers: [{ name: 'main', image: 'busybox:1.37' }] },
            status: { phase: 'Failed' },
          },
        },
        mergePatch,
      );
      expect(imageChanged.status?.phase).toBe('Running');
      expect(imageChanged.metadata?.generation).toBe(2);
    });

    it('refuses a pod update that changes more than images', async () => {
      await core.createNamespacedPod({
        namespace: 'team-a',
        body: {
          metadata: { name: 'job' },
          spec: { containers: [{ name: 'main', image: 'busybox' }] },
        },
      });
      const failure = await failureOf(
        core.patchNamespacedPod(
          {
            name: 'job',
            namespace: 'team-a',
            body: { spec: { nodeName: 'node-2' } },
          },
          mergePatch,
        ),
      );
      expect(failure.code).toBe(422);
      expect(failure.status?.message).toContain(
        'spec: Forbidden: pod updates may not change fields',
      );
    });
  });

  it('answers 404 with the API server message for a resource it does not serve', async () => {
    const failure = await failureOf(
      core.listNamespacedService({ namespace: 'team-a' }),
    );
    expect(failure.code).toBe(404);
    expect(failure.status?.message).toBe(
      'the server could not find the requested resource',
    );
  });
});
