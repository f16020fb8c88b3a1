import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { HarborClient } from './HarborClient';

const server = setupServer();

describe('HarborClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage:7007' });

  it('calls the harbor backend found through discovery, with the identity of fetchApi', async () => {
    let authorization: string | null = null;
    server.use(
      http.get('http://backstage:7007/api/harbor/health', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    const fetchApi = new MockFetchApi({
      injectIdentityAuth: { token: 'user-token' },
    });
    const client = new HarborClient({ discoveryApi, fetchApi });
    await expect(client.getBackendStatus()).resolves.toEqual({ status: 'ok' });
    expect(authorization).toBe('Bearer user-token');
  });

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get('http://backstage:7007/api/harbor/health', () =>
        // The body Backstage's error handler sends.
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'no access' },
            request: { method: 'GET', url: '/api/harbor/health' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const client = new HarborClient({
      discoveryApi,
      fetchApi: new MockFetchApi(),
    });
    await expect(client.getBackendStatus()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: { error: { name: 'NotAllowedError', message: 'no access' } },
      cause: { name: 'NotAllowedError', message: 'no access' },
    });
  });
});
