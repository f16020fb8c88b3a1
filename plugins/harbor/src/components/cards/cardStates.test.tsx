import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import {
  HARBOR_ERROR_NAMES,
  type HarborDataStatus,
  type RepositoryDataStatus,
} from '@backstage-harbor/plugin-harbor-common';
import { HarborBackendClient } from '../../api';
import { EntityHarborVulnerabilitySummaryCard } from './EntityHarborVulnerabilitySummaryCard';
import { EntityHarborRegistryHealthCard } from './EntityHarborRegistryHealthCard';
import { EntityHarborVulnerabilityTrendCard } from './EntityHarborVulnerabilityTrendCard';
import {
  registryHealth,
  repositorySummary,
  vulnerabilitySummary,
} from '../../__testUtils__/fixtures';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

/*
 * The cards of an entity whose Harbor data is partial: each repository (or the instance) says its own state, the
 * rest renders as usual, and a 503 about rejected credentials is a plain message, never raw JSON.
 */

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const TROUBLESHOOTING =
  '/docs/default/system/container-registry/troubleshooting/';

function unavailable(
  status: HarborDataStatus,
  repository = 'batch/nightly-report',
): RepositoryDataStatus {
  return { instance: 'default', project: 'team-a', repository, status };
}

async function renderSummary(unavailableRepositories: RepositoryDataStatus[]) {
  const api = mockHarborApi({
    getVulnerabilitySummary: jest.fn().mockResolvedValue(
      vulnerabilitySummary({
        repositories: [repositorySummary()],
        unavailable: unavailableRepositories,
        stale: true,
      }),
    ),
  });
  await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
  // team-a/api renders normally.
  expect(await screen.findByText('team-a/api:1.4.2')).toBeInTheDocument();
  expect(screen.getByText('Critical 2')).toBeInTheDocument();
  // No single banner for the card.
  expect(screen.queryByText(/showing data from/)).toBeNull();
}

describe('EntityHarborVulnerabilitySummaryCard per-repository states', () => {
  it('shows the age of a stale repository next to its latest artifact', async () => {
    await renderSummary([
      unavailable({ state: 'stale', fetchedAt: minutesAgo(12) }, 'api'),
    ]);
    expect(
      screen.getByText('Last read from Harbor 12 minutes ago'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Runbook:/ })).toHaveAttribute(
      'href',
      `${TROUBLESHOOTING}#harbor-unavailable`,
    );
  });

  it.each([
    [
      'not-found',
      { state: 'not-found' } as HarborDataStatus,
      'team-a/batch/nightly-report does not exist on Harbor instance "default"',
      /goharbor.io\/repository-slug annotation/,
      null,
    ],
    [
      'unreachable',
      {
        state: 'unreachable',
        lastReachableAt: minutesAgo(30),
      } as HarborDataStatus,
      'Harbor instance "default" is unreachable',
      /Harbor was last reachable 30 minutes ago/,
      `${TROUBLESHOOTING}#harbor-unavailable`,
    ],
    [
      'credentials-rejected',
      { state: 'credentials-rejected' } as HarborDataStatus,
      'Harbor instance "default" rejected the configured credentials',
      /with public data only/,
      `${TROUBLESHOOTING}#harbor-credentials-rejected`,
    ],
  ])(
    'lists a repository the backend could not read (%s) with why',
    async (_state, status, title, detail, runbookHref) => {
      await renderSummary([unavailable(status)]);
      expect(
        screen.getByText('team-a/batch/nightly-report'),
      ).toBeInTheDocument();
      expect(screen.getByText(title)).toBeInTheDocument();
      expect(screen.getByText(detail)).toBeInTheDocument();
      const runbook = screen.queryByRole('link', { name: /^Runbook:/ });
      expect(runbook?.getAttribute('href') ?? null).toBe(runbookHref);
    },
  );

  it('says why when no repository could be read, instead of "no artifacts yet"', async () => {
    const api = mockHarborApi({
      getVulnerabilitySummary: jest.fn().mockResolvedValue(
        vulnerabilitySummary({
          repositories: [],
          unavailable: [unavailable({ state: 'credentials-rejected' })],
          stale: true,
        }),
      ),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(
      await screen.findByText(
        'Harbor instance "default" rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No artifacts yet/)).toBeNull();
  });
});

describe('EntityHarborRegistryHealthCard connection', () => {
  it('shows the connection and when the instance was last reachable', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(
        registryHealth({
          connection: {
            instance: 'default',
            state: 'available',
            lastReachableAt: minutesAgo(1),
          },
        }),
      ),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(await screen.findByText('Available')).toBeInTheDocument();
    expect(
      screen.getByText(/^Last reachable 1 minute ago/),
    ).toBeInTheDocument();
    expect(screen.getByText('All 3 healthy')).toBeInTheDocument();
  });

  it('says an unavailable instance is answered from the cache, with the runbook section', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(
        registryHealth({
          status: 'unreachable',
          stale: true,
          connection: {
            instance: 'default',
            state: 'unavailable',
            lastReachableAt: minutesAgo(20),
          },
        }),
      ),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByText('Unavailable: answered from the cache'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Last reachable 20 minutes ago/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Runbook: Harbor unavailable' }),
    ).toHaveAttribute('href', `${TROUBLESHOOTING}#harbor-unavailable`);
  });

  it('shows rejected credentials with the runbook section instead of component health', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(
        registryHealth({
          status: 'credentials-rejected',
          connection: {
            instance: 'default',
            state: 'credentials-rejected',
            lastReachableAt: minutesAgo(2),
          },
        }),
      ),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByText(
        'Harbor instance "default" rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Runbook: credentials rejected' }),
    ).toHaveAttribute('href', `${TROUBLESHOOTING}#harbor-credentials-rejected`);
    expect(screen.getByText('Credentials rejected')).toBeInTheDocument();
    // What an anonymous caller sees is not the instance's health.
    expect(screen.queryByText('Healthy')).toBeNull();
    expect(screen.queryByText('All 3 healthy')).toBeNull();
    expect(screen.queryByText(/Quota team-a/)).toBeNull();
  });
});

describe('a 503 named HarborCredentialsRejectedError', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('shows a clear message on the health card, through the real client, without stack trace or JSON', async () => {
    const message =
      'Harbor instance "default" rejected the configured credentials';
    server.use(
      http.get('http://backstage:7007/api/harbor/entities/*', () =>
        HttpResponse.json(
          {
            error: {
              name: HARBOR_ERROR_NAMES.credentialsRejected,
              message,
              stack: 'Error: at secret/place.ts:1',
            },
            request: { method: 'GET', url: '/api/harbor/entities/x' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    const api = new HarborBackendClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
      fetchApi: new MockFetchApi(),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByText(
        'Error: Harbor rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Runbook: credentials rejected' }),
    ).toHaveAttribute('href', `${TROUBLESHOOTING}#harbor-credentials-rejected`);
    const text = document.body.textContent ?? '';
    expect(text).not.toContain('secret/place.ts');
    expect(text).not.toContain('"statusCode"');
    expect(text).not.toContain('ResponseError');
  });

  it('shows the same message on the trend card', async () => {
    await renderForEntity(<EntityHarborVulnerabilityTrendCard />, {
      api: mockHarborApi({
        getVulnerabilityTrend: jest
          .fn()
          .mockRejectedValue(
            httpError(
              503,
              'Harbor instance "default" rejected the configured credentials',
              HARBOR_ERROR_NAMES.credentialsRejected,
            ),
          ),
      }),
    });
    expect(
      await screen.findByText(
        'Error: Harbor rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Harbor is unreachable/)).toBeNull();
  });
});
