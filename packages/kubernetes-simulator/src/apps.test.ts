import {
  PatchStrategy,
  setHeaderOptions,
  V1Deployment,
} from '@kubernetes/client-node';
import { clientsFor, failureOf } from './__testUtils__/clients';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const deployment = (
  name: string,
  templateLabels = { app: name },
): V1Deployment => ({
  metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: templateLabels },
      spec: {
        containers: [
          { name, image: `harbor.example.com/team-a/${name}:1.0.0` },
        ],
      },
    },
  },
});

describe('apps/v1 over AppsV1Api', () => {
  let sim: KubernetesSimulator;
  let apps: ReturnType<typeof clientsFor>['apps'];

  beforeAll(async () => {
    sim = await startKubernetesSimulator();
    ({ apps } = clientsFor(sim));
  });

  afterAll(() => sim.stop());

  it('reads the seeded Deployment with its status', async () => {
    const web = await apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    expect(web.spec?.replicas).toBe(2);
    expect(web.status?.readyReplicas).toBe(2);
    expect(web.metadata?.labels?.['backstage.io/kubernetes-id']).toBe('web');
  });

  it('creates a Deployment with defaults, generation 1 and an empty status', async () => {
    const created = await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('worker'),
    });
    expect(created.spec?.replicas).toBe(1);
    expect(created.metadata?.generation).toBe(1);
    expect(created.status).toEqual({});
  });

  it('rejects a Deployment whose selector does not match its template labels', async () => {
    const failure = await failureOf(
      apps.createNamespacedDeployment({
        namespace: 'team-a',
        body: deployment('odd', { app: 'other' }),
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toBe(
      'Deployment.apps "odd" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it('requires a container image', async () => {
    const body = deployment('no-image');
    body.spec!.template.spec!.containers[0].image = undefined;
    const failure = await failureOf(
      apps.createNamespacedDeployment({ namespace: 'team-a', body }),
    );
    expect(failure.status?.details?.causes?.map(c => c.field)).toEqual([
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('answers 400 for a replicas field of the wrong JSON type', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('typed'),
    });
    const failure = await failureOf(
      apps.patchNamespacedDeployment(
        {
          name: 'typed',
          namespace: 'team-a',
          body: { spec: { replicas: 'three' } },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(400);
    expect(failure.status?.message).toContain('spec.replicas');
  });

  it('bumps generation on scale and lets tests report rollout progress through /status', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('api'),
    });
    const scaled = await apps.patchNamespacedDeployment(
      { name: 'api', namespace: 'team-a', body: { spec: { replicas: 3 } } },
      mergePatch,
    );
    expect(scaled.metadata?.generation).toBe(2);
    const progressed = await apps.patchNamespacedDeploymentStatus(
      {
        name: 'api',
        namespace: 'team-a',
        body: {
          status: {
            observedGeneration: 2,
            replicas: 3,
            readyReplicas: 3,
            availableReplicas: 3,
          },
        },
      },
      mergePatch,
    );
    expect(progressed.status?.readyReplicas).toBe(3);
    expect(progressed.metadata?.generation).toBe(2);
  });

  it('keeps the selector of a Deployment immutable', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('fixed'),
    });
    const failure = await failureOf(
      apps.patchNamespacedDeployment(
        {
          name: 'fixed',
          namespace: 'team-a',
          body: {
            spec: {
              selector: { matchLabels: { app: 'fixed', tier: 'x' } },
              template: { metadata: { labels: { app: 'fixed', tier: 'x' } } },
            },
          },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain('spec.selector: Invalid value');
  });

  it('serves StatefulSets and forbids changing fields other than the mutable ones', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: 'team-b',
      body: {
        metadata: deployment('cache').metadata,
        spec: {
          selector: deployment('cache').spec!.selector,
          template: deployment('cache').spec!.template,
          serviceName: 'cache',
        },
      },
    });
    const failure = await failureOf(
      apps.patchNamespacedStatefulSet(
        {
          name: 'cache',
          namespace: 'team-b',
          body: { spec: { serviceName: 'other' } },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      "updates to statefulset spec for fields other than 'replicas'",
    );
    const list = await apps.listNamespacedStatefulSet({ namespace: 'team-b' });
    expect(list.items.map(s => s.metadata?.name)).toEqual(['cache']);
  });
});
