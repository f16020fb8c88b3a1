import {
  PatchStrategy,
  setHeaderOptions,
  V1Secret,
} from '@kubernetes/client-node';
import { clientsFor, failureOf } from './__testUtils__/clients';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('Secret rules', () => {
  let sim: KubernetesSimulator;
  let core: ReturnType<typeof clientsFor>['core'];

  beforeAll(async () => {
    sim = await startKubernetesSimulator();
    ({ core } = clientsFor(sim));
  });

  afterAll(() => sim.stop());

  const create = (body: V1Secret) =>
    core.createNamespacedSecret({ namespace: 'team-a', body });

  it('accepts a kubernetes.io/dockerconfigjson Secret whose .dockerconfigjson is JSON', async () => {
    const config = {
      auths: { 'harbor.example.com': { auth: b64('robot$team-a+ci:secret') } },
    };
    const created = await create({
      metadata: { name: 'pull-secret' },
      type: 'kubernetes.io/dockerconfigjson',
      stringData: { '.dockerconfigjson': JSON.stringify(config) },
    });
    expect(
      JSON.parse(
        Buffer.from(created.data!['.dockerconfigjson'], 'base64').toString(),
      ),
    ).toEqual(config);
  });

  it('requires the .dockerconfigjson key in a kubernetes.io/dockerconfigjson Secret', async () => {
    const failure = await failureOf(
      create({
        metadata: { name: 'no-key' },
        type: 'kubernetes.io/dockerconfigjson',
        data: { config: b64('{}') },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toBe(
      'Secret "no-key" is invalid: data[.dockerconfigjson]: Required value',
    );
    expect(failure.status?.details?.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'data[.dockerconfigjson]',
      },
    ]);
  });

  it('rejects a .dockerconfigjson that is not JSON without echoing the secret', async () => {
    const failure = await failureOf(
      create({
        metadata: { name: 'not-json' },
        type: 'kubernetes.io/dockerconfigjson',
        stringData: { '.dockerconfigjson': 'hunter2' },
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>"',
    );
    expect(failure.status?.message).not.toContain('hunter2');
  });

  it('answers 400 BadRequest for data that is not base64, as the decoder does', async () => {
    const failure = await failureOf(
      create({ metadata: { name: 'raw' }, data: { token: 'not base64!' } }),
    );
    expect(failure.code).toBe(400);
    expect(failure.status?.reason).toBe('BadRequest');
    expect(failure.status?.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data in data.token',
    );
  });

  it('requires tls.crt and tls.key in a kubernetes.io/tls Secret', async () => {
    const failure = await failureOf(
      create({
        metadata: { name: 'tls' },
        type: 'kubernetes.io/tls',
        stringData: { 'tls.crt': 'cert' },
      }),
    );
    expect(failure.status?.details?.causes?.map(c => c.field)).toEqual([
      'data[tls.key]',
    ]);
  });

  it('rejects data keys that are not valid config keys', async () => {
    const failure = await failureOf(
      create({ metadata: { name: 'keys' }, stringData: { 'bad key': 'x' } }),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      'data: Invalid value: "bad key": a valid config key',
    );
  });

  it('keeps the type immutable', async () => {
    await create({
      metadata: { name: 'typed' },
      stringData: { username: 'u' },
    });
    const failure = await failureOf(
      core.patchNamespacedSecret(
        {
          name: 'typed',
          namespace: 'team-a',
          body: { type: 'kubernetes.io/basic-auth' },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toBe(
      'Secret "typed" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    );
  });

  it('keeps the data of an immutable Secret', async () => {
    await create({
      metadata: { name: 'frozen' },
      immutable: true,
      stringData: { a: '1' },
    });
    const failure = await failureOf(
      core.patchNamespacedSecret(
        {
          name: 'frozen',
          namespace: 'team-a',
          body: { stringData: { a: '2' } },
        },
        mergePatch,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.status?.message).toContain(
      'data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});
