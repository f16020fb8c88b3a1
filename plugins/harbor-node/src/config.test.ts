import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { InputError, NotFoundError } from '@backstage/errors';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { HarborInstances, readHarborInstances } from './config';

const read = (harbor: unknown) =>
  readHarborInstances(new ConfigReader({ harbor } as any));

describe('readHarborInstances', () => {
  it('reads the single instance of the existing Harbor plugins as "default"', () => {
    const [instance] = read({
      baseUrl: 'https://harbor.example.com/api/v2.0/',
      username: 'robot$backstage',
      password: 'pw-1234',
    });
    expect(instance).toMatchObject({
      name: 'default',
      baseUrl: 'https://harbor.example.com',
      uiUrl: 'https://harbor.example.com',
      hosts: ['harbor.example.com'],
      requestTimeoutMs: 10_000,
      maxConcurrency: 8,
    });
    expect(instance.username).toBe('robot$backstage');
    expect(instance.password).toBe('pw-1234');
  });

  it('keeps a path prefix but strips a trailing slash', () => {
    expect(read({ baseUrl: 'https://h.example.com/harbor/' })[0].baseUrl).toBe(
      'https://h.example.com/harbor',
    );
  });

  it('reads a list of instances with ui URLs, host aliases and shared settings', () => {
    const instances = read({
      requestTimeout: '5s',
      maxConcurrency: 2,
      instances: [
        {
          name: 'prod',
          baseUrl: 'https://harbor.prod.example.com',
          uiUrl: 'https://ui.example.com/',
        },
        {
          name: 'dev',
          baseUrl: 'http://harbor.dev:8080',
          username: 'admin',
          password: 'Harbor12345',
          host: ['registry.dev.example.com', 'REGISTRY2.dev:5000'],
        },
      ],
    });
    expect(instances.map(i => i.name)).toEqual(['prod', 'dev']);
    expect(instances[0]).toMatchObject({
      uiUrl: 'https://ui.example.com',
      requestTimeoutMs: 5000,
      maxConcurrency: 2,
    });
    expect(instances[1].hosts).toEqual([
      'harbor.dev:8080',
      'registry.dev.example.com',
      'registry2.dev:5000',
    ]);
  });

  it.each([
    [3000, 3000],
    [{ seconds: 3 }, 3000],
    ['PT2S', 2000],
  ])('reads requestTimeout %p as %p ms', (requestTimeout, ms) => {
    expect(
      read({ baseUrl: 'https://h', requestTimeout })[0].requestTimeoutMs,
    ).toBe(ms);
  });

  it.each([
    [{}, /harbor\.baseUrl/],
    [{ instances: [{ name: 'a' }] }, /harbor\.instances\[0\]\.baseUrl/],
    [
      {
        instances: [
          { name: 'a', baseUrl: 'https://a' },
          { name: 'a', baseUrl: 'https://b' },
        ],
      },
      /harbor\.instances\[1\]\.name 'a'.*unique/,
    ],
    [
      { baseUrl: 'ftp://harbor.example.com' },
      /harbor\.baseUrl must be an http or https URL/,
    ],
    [{ baseUrl: 'not a url' }, /harbor\.baseUrl 'not a url' is not a URL/],
    [
      { baseUrl: 'https://h', username: 'admin' },
      /harbor\.username is set but harbor\.password is missing/,
    ],
    [
      { baseUrl: 'https://h', password: 'x' },
      /harbor\.password is set but harbor\.username is missing/,
    ],
    [{ baseUrl: 'https://h', maxConcurrency: 0 }, /harbor\.maxConcurrency/],
    [
      { baseUrl: 'https://h', requestTimeout: 'soon' },
      /harbor\.requestTimeout/,
    ],
    [{ baseUrl: 'https://h', host: 'https://x/y' }, /harbor\.host/],
    [
      {
        baseUrl: 'https://h',
        instances: [{ name: 'a', baseUrl: 'https://a' }],
      },
      /either one instance or a list/,
    ],
  ])('rejects %j with an InputError naming the key', (harbor, message) => {
    expect(() => read(harbor)).toThrow(InputError);
    expect(() => read(harbor)).toThrow(message);
  });

  it('rejects credentials in the URL without repeating them', () => {
    let error: Error | undefined;
    try {
      read({ baseUrl: 'https://admin:Harbor12345@harbor.example.com' });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toContain(
      'harbor.baseUrl must not contain credentials',
    );
    expect(error?.message).not.toContain('Harbor12345');
  });

  it('keeps the credentials out of JSON and inspection of an instance', () => {
    const [instance] = read({
      baseUrl: 'https://h',
      username: 'admin',
      password: 'Harbor12345',
    });
    expect(JSON.stringify(instance)).not.toContain('Harbor12345');
    expect(inspect(instance)).not.toContain('Harbor12345');
    expect(JSON.stringify(instance)).not.toContain('admin');
  });

  it('marks every credential as secret in the config schema', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [join(__dirname, '../package.json')],
    });
    const configs = [
      {
        context: 'test',
        data: {
          harbor: {
            baseUrl: 'https://h',
            username: 'u',
            password: 'p',
            instances: [
              {
                name: 'a',
                baseUrl: 'https://a',
                username: 'u2',
                password: 'p2',
              },
            ],
          },
        },
      },
    ];
    const [secrets] = schema.process(configs, {
      visibility: ['secret'],
      ignoreSchemaErrors: true,
    });
    expect(secrets.data).toEqual({
      harbor: {
        username: 'u',
        password: 'p',
        instances: [{ username: 'u2', password: 'p2' }],
      },
    });
  });
});

describe('HarborInstances', () => {
  const instances = HarborInstances.fromConfig(
    new ConfigReader({
      harbor: {
        instances: [
          {
            name: 'prod',
            baseUrl: 'https://harbor.example.com',
            username: 'admin',
            password: 'Harbor12345',
          },
          {
            name: 'dev',
            baseUrl: 'https://harbor-dev.example.com:8443',
            host: 'registry.dev.example.com',
          },
        ],
      },
    }),
  );

  it('uses the first instance by default', () => {
    expect(instances.default.name).toBe('prod');
    expect(instances.get().name).toBe('prod');
    expect(instances.get('').name).toBe('prod');
  });

  it('resolves by name, by base URL host and by host alias, ignoring case', () => {
    expect(instances.get('dev').name).toBe('dev');
    expect(instances.get('harbor-dev.example.com:8443').name).toBe('dev');
    expect(instances.get('Registry.Dev.Example.com').name).toBe('dev');
    expect(instances.list().map(i => i.name)).toEqual(['prod', 'dev']);
  });

  it('names the known instances, never a credential, for an unknown one', () => {
    expect(() => instances.get('staging')).toThrow(NotFoundError);
    expect(() => instances.get('staging')).toThrow(
      "No Harbor instance is configured with the name or registry host 'staging'; known instances: 'prod' (harbor.example.com), 'dev' (harbor-dev.example.com:8443, registry.dev.example.com)",
    );
    expect(instances.find('staging')).toBeUndefined();
  });
});
