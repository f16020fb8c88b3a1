import { screen } from '@testing-library/react';
import { EntityHarborVulnerabilitySummaryCard } from './EntityHarborVulnerabilitySummaryCard';
import { EntityHarborRegistryHealthCard } from './EntityHarborRegistryHealthCard';
import { EntityHarborVulnerabilityTrendCard } from './EntityHarborVulnerabilityTrendCard';
import {
  artifact,
  counts,
  entityWithoutAnnotation,
  registryHealth,
  repositorySummary,
  trend,
  vulnerabilitySummary,
} from '../../__testUtils__/fixtures';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

describe('EntityHarborVulnerabilitySummaryCard', () => {
  it('lists the latest artifact of each repository in the order the backend sends, with fixable criticals', async () => {
    const data = vulnerabilitySummary();
    data.repositories = [
      repositorySummary({
        repository: 'batch/nightly-report',
        artifact: artifact({
          digest: `sha256:${'d'.repeat(64)}`,
          tags: ['2024.05.09'],
          pushTime: '2024-05-09T00:00:00Z',
          scan: {
            status: 'success',
            counts: counts({ Critical: 5 }),
            total: 5,
            fixable: 5,
          },
        }),
        fixableCriticals: 3,
      }),
      repositorySummary({ fixableCriticals: 1 }),
    ];
    const getVulnerabilitySummary = jest.fn().mockResolvedValue(data);
    const api = mockHarborApi({ getVulnerabilitySummary });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });

    const first = await screen.findByText(
      'team-a/batch/nightly-report:2024.05.09',
    );
    const second = screen.getByText('team-a/api:1.4.2');
    expect(
      first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByText('Critical 5')).toBeInTheDocument();
    expect(screen.getByText('3 fixable critical')).toBeInTheDocument();
    expect(screen.getByText('1 fixable critical')).toBeInTheDocument();
    // One request for the whole card.
    expect(getVulnerabilitySummary).toHaveBeenCalledTimes(1);
    expect(getVulnerabilitySummary).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'orders-api' },
      expect.objectContaining({ signal: expect.anything() }),
    );
  });

  it('shows no fixable-critical chip when none is fixable', async () => {
    const api = mockHarborApi({
      getVulnerabilitySummary: jest.fn().mockResolvedValue(
        vulnerabilitySummary({
          repositories: [repositorySummary({ fixableCriticals: 0 })],
        }),
      ),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(await screen.findByText('team-a/api:1.4.2')).toBeInTheDocument();
    expect(screen.queryByText(/fixable critical/)).not.toBeInTheDocument();
  });

  it('shows a latest artifact without a scan report as not scanned, never as clean', async () => {
    const data = vulnerabilitySummary({
      repositories: [
        repositorySummary({
          artifact: artifact({
            scan: {
              status: 'not-scanned',
              counts: counts(),
              total: 0,
              fixable: 0,
            },
          }),
          fixableCriticals: undefined,
        }),
      ],
    });
    const api = mockHarborApi({
      getVulnerabilitySummary: jest.fn().mockResolvedValue(data),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(await screen.findByText('Not scanned')).toBeInTheDocument();
    expect(screen.queryByText('No vulnerabilities')).not.toBeInTheDocument();
  });

  it('says so when no repository has an artifact yet', async () => {
    const api = mockHarborApi({
      getVulnerabilitySummary: jest
        .fn()
        .mockResolvedValue(vulnerabilitySummary({ repositories: [] })),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(
      await screen.findByText(
        "No artifacts yet in this entity's Harbor repositories.",
      ),
    ).toBeInTheDocument();
  });

  it('warns that the summary is the cached copy while Harbor is down', async () => {
    const api = mockHarborApi({
      getVulnerabilitySummary: jest.fn().mockResolvedValue(
        vulnerabilitySummary({
          stale: true,
          unavailable: [
            {
              instance: 'default',
              project: 'team-a',
              repository: 'api',
              status: { state: 'stale', fetchedAt: '2024-05-03T12:00:00Z' },
            },
          ],
        }),
      ),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(
      await screen.findByText(
        /Harbor instance "default" is unavailable: this is the last copy/,
      ),
    ).toBeInTheDocument();
  });

  it('asks for the annotation on an entity without one', async () => {
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, {
      api: mockHarborApi(),
      entity: entityWithoutAnnotation,
    });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });

  it("says the user doesn't have access", async () => {
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, {
      api: mockHarborApi(),
      allow: false,
    });
    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
  });
});

describe('EntityHarborRegistryHealthCard', () => {
  it('shows components, version, mode, scanner, jobs and the quota of each project', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(registryHealth()),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(await screen.findByText('v2.11.0')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('All 3 healthy')).toBeInTheDocument();
    expect(screen.getByText('Read-write')).toBeInTheDocument();
    expect(screen.getByText(/Trivy 0.50.1/)).toBeInTheDocument();
    expect(screen.getByText(/Succeed \(mirror-to-dr\)/)).toBeInTheDocument();
    expect(screen.getByText('5.0 GiB of 10.0 GiB (50%)')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Quota used by team-a' }),
    ).toHaveAttribute('aria-valuenow', '50');
  });

  it('names the unhealthy components and a read-only registry', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(
        registryHealth({
          status: 'unhealthy',
          readOnly: true,
          components: [
            { name: 'core', status: 'healthy' },
            { name: 'redis', status: 'unhealthy', error: 'connection refused' },
          ],
          quotas: [{ project: 'team-a', used: 1024, limit: -1 }],
        }),
      ),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(await screen.findByText('Unhealthy')).toBeInTheDocument();
    expect(screen.getByText('redis: connection refused')).toBeInTheDocument();
    expect(screen.getByText(/Read-only/)).toBeInTheDocument();
    expect(screen.getByText('1.0 KiB of unlimited')).toBeInTheDocument();
  });

  it('links to the runbook from config, and to the default runbook without it', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(registryHealth()),
    });
    const { unmount } = await renderForEntity(
      <EntityHarborRegistryHealthCard />,
      {
        api,
        config: { harbor: { runbookUrl: 'https://wiki.example.com/harbor' } },
      },
    );
    expect(
      await screen.findByRole('link', { name: /Registry runbook/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/harbor');
    unmount();
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByRole('link', { name: /Registry runbook/ }),
    ).toHaveAttribute('href', '/docs/default/system/container-registry/');
  });

  it('serves an entity without a repository annotation, such as the registry system', async () => {
    const getRegistryHealth = jest.fn().mockResolvedValue(registryHealth());
    await renderForEntity(<EntityHarborRegistryHealthCard />, {
      api: mockHarborApi({ getRegistryHealth }),
      entity: {
        ...entityWithoutAnnotation,
        kind: 'System',
        metadata: { name: 'container-registry' },
      },
    });
    expect(await screen.findByText('v2.11.0')).toBeInTheDocument();
    expect(getRegistryHealth).toHaveBeenCalledWith(
      { kind: 'System', namespace: 'default', name: 'container-registry' },
      expect.anything(),
    );
  });

  it('shows the cached health with a warning when Harbor is down', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest
        .fn()
        .mockResolvedValue(
          registryHealth({ stale: true, status: 'unreachable' }),
        ),
    });
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByText(/is unreachable: showing data from/),
    ).toBeInTheDocument();
    expect(screen.getByText('Unreachable')).toBeInTheDocument();
  });

  it("says the user doesn't have access to the registry health", async () => {
    await renderForEntity(<EntityHarborRegistryHealthCard />, {
      api: mockHarborApi(),
      allow: false,
    });
    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
  });
});

describe('EntityHarborVulnerabilityTrendCard', () => {
  it('draws a line per severity and the latest counts', async () => {
    const getVulnerabilityTrend = jest.fn().mockResolvedValue(trend(5));
    await renderForEntity(<EntityHarborVulnerabilityTrendCard />, {
      api: mockHarborApi({ getVulnerabilityTrend }),
    });
    const chart = await screen.findByRole('img', {
      name: /Vulnerabilities from/,
    });
    expect(chart.querySelectorAll('polyline')).toHaveLength(4);
    expect(chart.querySelectorAll('circle')).toHaveLength(0);
    expect(screen.getByText('Critical 1')).toBeInTheDocument();
    expect(screen.getByText('Low 4')).toBeInTheDocument();
    const [, range] = getVulnerabilityTrend.mock.calls[0];
    expect(range.to.getTime() - range.from.getTime()).toBe(
      30 * 24 * 3600 * 1000,
    );
  });

  it('marks a single snapshot, which has no line to draw', async () => {
    await renderForEntity(<EntityHarborVulnerabilityTrendCard />, {
      api: mockHarborApi({
        getVulnerabilityTrend: jest.fn().mockResolvedValue(trend(1)),
      }),
    });
    const chart = await screen.findByRole('img', {
      name: /Vulnerabilities from/,
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(4);
  });

  it('says there is no history yet', async () => {
    await renderForEntity(<EntityHarborVulnerabilityTrendCard />, {
      api: mockHarborApi({
        getVulnerabilityTrend: jest.fn().mockResolvedValue({ points: [] }),
      }),
    });
    expect(await screen.findByText(/No scan history yet/)).toBeInTheDocument();
  });

  it('explains an error', async () => {
    await renderForEntity(<EntityHarborVulnerabilityTrendCard />, {
      api: mockHarborApi({
        getVulnerabilityTrend: jest
          .fn()
          .mockRejectedValue(
            httpError(503, 'Harbor instance "default" is unreachable'),
          ),
      }),
    });
    expect(
      await screen.findByText(/Harbor is unreachable/),
    ).toBeInTheDocument();
  });
});
