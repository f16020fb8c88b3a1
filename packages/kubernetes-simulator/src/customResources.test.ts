import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { clientsFor, failureOf } from './__testUtils__/clients';
import { VALID_CUSTOM_RESOURCES } from './__testUtils__/manifests';
import { CUSTOM_RESOURCES } from './customResources';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';
import type { KubernetesObject } from './types';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

function coordinates(object: KubernetesObject) {
  const [group, version] = object.apiVersion.split('/');
  const r = CUSTOM_RESOURCES.find(
    c => c.group === group && c.kind === object.kind,
  )!;
  return {
    group,
    version,
    plural: r.plural,
    namespace: object.metadata.namespace,
  };
}

const externalSecret = (spec: unknown): KubernetesObject => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'harbor-s3', namespace: 'harbor' },
  spec,
});

describe('custom resources over CustomObjectsApi', () => {
  let sim: KubernetesSimulator;
  let custom: ReturnType<typeof clientsFor>['custom'];

  beforeAll(async () => {
    sim = await startKubernetesSimulator();
    ({ custom } = clientsFor(sim));
  });

  afterAll(() => sim.stop());

  it('has a valid example for every served custom resource', () => {
    expect(VALID_CUSTOM_RESOURCES.map(o => o.kind).sort()).toEqual(
      CUSTOM_RESOURCES.map(r => r.kind).sort(),
    );
  });

  it.each(
    VALID_CUSTOM_RESOURCES.map(o => [`${o.kind}.${o.apiVersion}`, o] as const),
  )('accepts a valid %s and reads it back', async (_, object) => {
    const { group, version, plural, namespace } = coordinates(object);
    const created = namespace
      ? await custom.createNamespacedCustomObject({
          group,
          version,
          namespace,
          plural,
          body: object,
        })
      : await custom.createClusterCustomObject({
          group,
          version,
          plural,
          body: object,
        });
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.uid).toBeDefined();
    const read = namespace
      ? await custom.getNamespacedCustomObject({
          group,
          version,
          namespace,
          plural,
          name: object.metadata.name!,
        })
      : await custom.getClusterCustomObject({
          group,
          version,
          plural,
          name: object.metadata.name!,
        });
    expect(read).toEqual(created);
  });

  it('applies the defaults of the CRD schema', () => {
    const stored = sim.get(
      'external-secrets.io/v1',
      'ExternalSecret',
      'harbor',
      'harbor-s3',
    ) as any;
    expect(stored.spec.data[0].remoteRef).toMatchObject({
      conversionStrategy: 'Default',
      decodingStrategy: 'None',
      metadataPolicy: 'None',
    });
  });

  it('rejects a CR that violates its schema with 422 naming each field', async () => {
    const failure = await failureOf(
      custom.createNamespacedCustomObject({
        group: 'external-secrets.io',
        version: 'v1',
        namespace: 'team-a',
        plural: 'externalsecrets',
        body: {
          ...externalSecret({
            refreshInterval: 3600,
            secretStoreRef: { kind: 'Vault', name: 'onepassword' },
            data: [{ remoteRef: { key: 'x' } }],
          }),
          metadata: { name: 'bad', namespace: 'team-a' },
        },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.reason).toBe('Invalid');
    expect(failure.status?.message).toMatch(
      /^ExternalSecret\.external-secrets\.io "bad" is invalid: \[/,
    );
    expect(failure.status?.details?.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'spec.refreshInterval',
          reason: 'FieldValueInvalid',
        }),
        expect.objectContaining({
          field: 'spec.secretStoreRef.kind',
          message:
            'Unsupported value: "Vault": supported values: "SecretStore", "ClusterSecretStore"',
        }),
        expect.objectContaining({
          field: 'spec.data[0].secretKey',
          message: 'Required value',
        }),
      ]),
    );
  });

  it('rejects fields the schema does not declare', async () => {
    const failure = await failureOf(
      custom.createNamespacedCustomObject({
        group: 'postgresql.cnpg.io',
        version: 'v1',
        namespace: 'team-a',
        plural: 'clusters',
        body: {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Cluster',
          metadata: { name: 'db' },
          spec: {
            instances: 1,
            storage: { size: '1Gi', storageclass: 'typo' },
          },
        },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      'spec.storage.storageclass: field not declared in schema',
    );
  });

  it('checks Go regular expressions of the schema, such as (?i)', async () => {
    const failure = await failureOf(
      custom.createNamespacedCustomObject({
        group: 'monitoring.coreos.com',
        version: 'v1',
        namespace: 'team-a',
        plural: 'prometheusrules',
        body: {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: { name: 'rules' },
          spec: {
            groups: [
              { name: 'g', partial_response_strategy: 'ignore', rules: [] },
            ],
          },
        },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.details?.causes?.[0].field).toBe(
      'spec.groups[0].partial_response_strategy',
    );
  });

  it('does not serve external-secrets.io/v1beta1, as ESO no longer does', async () => {
    const failure = await failureOf(
      custom.listNamespacedCustomObject({
        group: 'external-secrets.io',
        version: 'v1beta1',
        namespace: 'harbor',
        plural: 'externalsecrets',
      }),
    );
    expect(failure.code).toBe(404);
  });

  it('rejects a body whose apiVersion does not match the URL', async () => {
    const failure = await failureOf(
      custom.createNamespacedCustomObject({
        group: 'external-secrets.io',
        version: 'v1',
        namespace: 'team-a',
        plural: 'externalsecrets',
        body: {
          ...externalSecret({}),
          apiVersion: 'external-secrets.io/v1beta1',
          metadata: { name: 'x' },
        },
      }),
    );
    expect(failure.code).toBe(400);
  });

  it('lists cluster-scoped resources and namespaced ones across namespaces', async () => {
    const stores: any = await custom.listClusterCustomObject({
      group: 'external-secrets.io',
      version: 'v1',
      plural: 'clustersecretstores',
    });
    expect(stores.kind).toBe('ClusterSecretStoreList');
    expect(stores.items.map((s: any) => s.metadata.name)).toEqual([
      'onepassword',
    ]);
    expect(stores.items[0].kind).toBe('ClusterSecretStore');
    const releases: any = await custom.listClusterCustomObject({
      group: 'helm.toolkit.fluxcd.io',
      version: 'v2',
      plural: 'helmreleases',
    });
    expect(
      releases.items.map(
        (s: any) => `${s.metadata.namespace}/${s.metadata.name}`,
      ),
    ).toEqual(['harbor/harbor']);
  });

  it('requires metadata.resourceVersion to replace a custom resource', async () => {
    const current: any = await custom.getNamespacedCustomObject({
      group: 'source.toolkit.fluxcd.io',
      version: 'v1',
      namespace: 'harbor',
      plural: 'ocirepositories',
      name: 'harbor-chart',
    });
    const { resourceVersion: _, ...metadata } = current.metadata;
    const failure = await failureOf(
      custom.replaceNamespacedCustomObject({
        group: 'source.toolkit.fluxcd.io',
        version: 'v1',
        namespace: 'harbor',
        plural: 'ocirepositories',
        name: 'harbor-chart',
        body: { ...current, metadata },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      'metadata.resourceVersion: Invalid value: "0x0": must be specified for an update',
    );
  });

  it('bumps generation on a spec change but not on a status change, which goes through /status', async () => {
    const coords = {
      group: 'postgresql.cnpg.io',
      version: 'v1',
      namespace: 'harbor',
      plural: 'clusters',
      name: 'harbor-db',
    };
    const patched: any = await custom.patchNamespacedCustomObject(
      {
        ...coords,
        body: { spec: { instances: 2 }, status: { phase: 'ignored' } },
      },
      mergePatch,
    );
    expect(patched.metadata.generation).toBe(2);
    expect(patched.status).toBeUndefined();

    const ready: any = await custom.patchNamespacedCustomObjectStatus(
      {
        ...coords,
        body: {
          spec: { instances: 9 },
          status: {
            phase: 'Cluster in healthy state',
            readyInstances: 2,
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'ClusterIsReady',
                message: 'ready',
                lastTransitionTime: '2025-01-01T00:00:00Z',
              },
            ],
          },
        },
      },
      mergePatch,
    );
    expect(ready.metadata.generation).toBe(2);
    expect(ready.spec.instances).toBe(2);
    expect(ready.status.phase).toBe('Cluster in healthy state');
  });

  it('validates status written through /status against the schema', async () => {
    const failure = await failureOf(
      custom.patchNamespacedCustomObjectStatus(
        {
          group: 'postgresql.cnpg.io',
          version: 'v1',
          namespace: 'harbor',
          plural: 'clusters',
          name: 'harbor-db',
          body: { status: { readyInstances: 'two' } },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.details?.causes?.[0]).toMatchObject({
      field: 'status.readyInstances',
      message:
        'Invalid value: "string": status.readyInstances in body must be of type integer: "string"',
    });
  });

  it('answers a delete with the deleted object', async () => {
    const deleted: any = await custom.deleteNamespacedCustomObject({
      group: 'generators.external-secrets.io',
      version: 'v1alpha1',
      namespace: 'harbor',
      plural: 'passwords',
      name: 'harbor-core-secret-key',
    });
    expect(deleted.kind).toBe('Password');
    expect(
      sim.get(
        'generators.external-secrets.io/v1alpha1',
        'Password',
        'harbor',
        'harbor-core-secret-key',
      ),
    ).toBeUndefined();
  });

  it('creates and then updates with server-side apply', async () => {
    const coords = {
      group: 'source.toolkit.fluxcd.io',
      version: 'v1',
      namespace: 'team-a',
      plural: 'helmrepositories',
      name: 'podinfo',
    };
    const apply = setHeaderOptions(
      'Content-Type',
      PatchStrategy.ServerSideApply,
    );
    const body = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'podinfo', namespace: 'team-a' },
      spec: { url: 'https://stefanprodan.github.io/podinfo', interval: '5m' },
    };
    const created: any = await custom.patchNamespacedCustomObject(
      { ...coords, body, fieldManager: 'test' },
      apply,
    );
    expect(created.metadata.generation).toBe(1);
    const updated: any = await custom.patchNamespacedCustomObject(
      {
        ...coords,
        body: { ...body, spec: { ...body.spec, interval: '10m' } },
        fieldManager: 'test',
      },
      apply,
    );
    expect(updated.spec.interval).toBe('10m');
    expect(updated.metadata.generation).toBe(2);
  });
});
