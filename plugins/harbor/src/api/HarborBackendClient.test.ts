import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { entityPath, HarborBackendClient } from './HarborBackendClient';
import {
  images,
  registryHealth,
  trend,
  vulnerabilityPage,
  vulnerabilitySummary,
} from '../__testUtils__/fixtures';

const server = setupServer();
const base = 'http://backstage:7007/api/harbor';
const ref = { kind: 'Component', namespace: 'default', name: 'orders-api' };

function errorBody(name: string, message: string, statusCode: number) {
  // The body Backstage's error handler sends.
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/harbor/x' },
      response: { statusCode },
    },
    { status: statusCode },
  );
}

describe('HarborBackendClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage:7007' });
  const client = () =>
    new HarborBackendClient({ discoveryApi, fetchApi: new MockFetchApi() });

  it('calls the harbor backend found through discovery, with the identity of fetchApi', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${base}/health`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    const fetchApi = new MockFetchApi({
      injectIdentityAuth: { token: 'user-token' },
    });
    const harbor = new HarborBackendClient({ discoveryApi, fetchApi });
    await expect(harbor.getBackendStatus()).resolves.toEqual({ status: 'ok' });
    expect(authorization).toBe('Bearer user-token');
  });

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${base}/health`, () =>
        errorBody('NotAllowedError', 'no access', 403),
      ),
    );
    await expect(client().getBackendStatus()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: { error: { name: 'NotAllowedError', message: 'no access' } },
      cause: { name: 'NotAllowedError', message: 'no access' },
    });
  });

  describe('entityPath', () => {
    it('encodes each segment of the entity ref on its own', () => {
      expect(
        entityPath({ kind: 'Component', namespace: 'Team A', name: 'a#b/c?d' }),
      ).toBe('entities/team%20a/component/a%23b%2Fc%3Fd');
    });

    it('keeps the case of the name', () => {
      expect(entityPath({ ...ref, name: 'Orders-API' })).toBe(
        'entities/default/component/Orders-API',
      );
    });
  });

  it('reads the images of an entity', async () => {
    server.use(
      http.get(`${base}/entities/default/component/orders-api/images`, () =>
        HttpResponse.json(images()),
      ),
    );
    const result = await client().getEntityImages(ref);
    expect(result.repositories.map(r => r.repository)).toEqual([
      'api',
      'batch/nightly-report',
    ]);
  });

  it('reads the vulnerability summary of an entity in one request', async () => {
    const paths: string[] = [];
    server.use(
      http.get(
        `${base}/entities/default/component/orders-api/vulnerability-summary`,
        ({ request }) => {
          paths.push(new URL(request.url).pathname);
          return HttpResponse.json(vulnerabilitySummary());
        },
      ),
    );
    const result = await client().getVulnerabilitySummary(ref);
    expect(result.repositories.map(r => r.fixableCriticals)).toEqual([2, 0]);
    expect(paths).toEqual([
      '/api/harbor/entities/default/component/orders-api/vulnerability-summary',
    ]);
  });

  it('sends the vulnerability filters as query parameters, nested repository included', async () => {
    let url: URL | undefined;
    server.use(
      http.get(
        `${base}/entities/default/component/orders-api/vulnerabilities`,
        ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json(vulnerabilityPage());
        },
      ),
    );
    await client().getArtifactVulnerabilities(ref, {
      repository: 'team-a/batch/nightly-report',
      digest: 'sha256:abc',
      severities: ['Critical', 'High'],
      fixable: true,
      q: ' openssl ',
      page: 2,
      pageSize: 50,
    });
    expect(Object.fromEntries(url!.searchParams)).toEqual({
      repository: 'team-a/batch/nightly-report',
      digest: 'sha256:abc',
      severity: 'Critical,High',
      fixable: 'true',
      q: 'openssl',
      page: '2',
      pageSize: '50',
    });
  });

  it('leaves out the filters that are not set', async () => {
    let url: URL | undefined;
    server.use(
      http.get(
        `${base}/entities/default/component/orders-api/vulnerabilities`,
        ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json(vulnerabilityPage());
        },
      ),
    );
    await client().getArtifactVulnerabilities(ref, {
      repository: 'team-a/api',
      digest: 'sha256:abc',
      severities: [],
      fixable: false,
      q: '  ',
    });
    expect([...url!.searchParams.keys()]).toEqual(['repository', 'digest']);
  });

  it('reads the registry health of an entity', async () => {
    server.use(
      http.get(`${base}/entities/default/component/orders-api/health`, () =>
        HttpResponse.json(registryHealth({ version: 'v2.12.0' })),
      ),
    );
    await expect(client().getRegistryHealth(ref)).resolves.toMatchObject({
      version: 'v2.12.0',
    });
  });

  it('asks for the trend over the given window in ISO time', async () => {
    let url: URL | undefined;
    server.use(
      http.get(
        `${base}/entities/default/component/orders-api/trend`,
        ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json(trend(3));
        },
      ),
    );
    const result = await client().getVulnerabilityTrend(ref, {
      from: new Date('2024-05-01T00:00:00Z'),
      to: new Date('2024-05-31T00:00:00Z'),
    });
    expect(result.points).toHaveLength(3);
    expect(url!.searchParams.get('from')).toBe('2024-05-01T00:00:00.000Z');
    expect(url!.searchParams.get('to')).toBe('2024-05-31T00:00:00.000Z');
  });

  it('asks for one page of the audit trail, filtered by operation', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(
        `${base}/entities/default/component/orders-api/audit-logs`,
        ({ request }) => {
          urls.push(new URL(request.url));
          return HttpResponse.json({
            items: [],
            total: 0,
            page: 2,
            pageSize: 25,
          });
        },
      ),
    );
    await client().getAuditLogs(ref, {
      page: 2,
      pageSize: 25,
      operation: 'pull',
    });
    await client().getAuditLogs(ref);
    expect(urls.map(u => u.search)).toEqual([
      '?page=2&pageSize=25&operation=pull',
      '',
    ]);
  });

  it('reads the migration status, for one target project when asked', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${base}/migration/status`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ configured: false, message: 'none' });
      }),
    );
    await expect(client().getMigrationStatus()).resolves.toEqual({
      configured: false,
      message: 'none',
    });
    await client().getMigrationStatus({ project: 'team-a' });
    expect(urls.map(u => u.search)).toEqual(['', '?project=team-a']);
  });

  it('asks for the availability of a project name, on the given instance', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${base}/projects/:name/availability`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          name: 'team-a',
          instance: 'eu',
          valid: true,
          available: false,
        });
      }),
    );
    await expect(
      client().getProjectAvailability('team-a', 'eu'),
    ).resolves.toMatchObject({ available: false, instance: 'eu' });
    expect(url!.pathname).toBe('/api/harbor/projects/team-a/availability');
    expect(url!.searchParams.get('instance')).toBe('eu');

    await client().getProjectAvailability('a/b?c');
    expect(url!.pathname).toBe('/api/harbor/projects/a%2Fb%3Fc/availability');
    expect(url!.search).toBe('');
  });

  it('reports Harbor being unreachable as a 503 naming the instance', async () => {
    server.use(
      http.get(`${base}/entities/default/component/orders-api/images`, () =>
        errorBody(
          'ServiceUnavailableError',
          'Harbor instance "default" is unreachable',
          503,
        ),
      ),
    );
    await expect(client().getEntityImages(ref)).rejects.toMatchObject({
      statusCode: 503,
      cause: { message: 'Harbor instance "default" is unreachable' },
    });
  });
});
