import { screen, within } from '@testing-library/react';
import type {
  HarborDataStatus,
  HarborRepositoryImages,
} from '@backstage-harbor/plugin-harbor-common';
import { EntityHarborContent } from './EntityHarborContent';
import { images } from '../../__testUtils__/fixtures';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

/*
 * The Harbor tab of an entity whose repositories are not all fresh: each repository's table says its own state,
 * the others render as usual, and the page has no single error.
 */

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** team-a/api fresh, team-a/batch/nightly-report with the given status (and no artifacts unless stale). */
function imagesWithNightly(status: HarborDataStatus) {
  const value = images({ stale: true });
  const [api, nightly] = value.repositories;
  api.status = { state: 'fresh', fetchedAt: minutesAgo(0) };
  const failed: HarborRepositoryImages = {
    ...nightly,
    status,
    artifacts: status.state === 'stale' ? nightly.artifacts : [],
  };
  value.repositories = [api, failed];
  return value;
}

/** The audit trail under the tables reads its own route: an empty page. */
const getAuditLogs = () =>
  jest.fn().mockResolvedValue({ page: 1, pageSize: 10, total: 0, items: [] });

async function renderTab(status: HarborDataStatus) {
  const api = mockHarborApi({
    getEntityImages: jest.fn().mockResolvedValue(imagesWithNightly(status)),
    getAuditLogs: getAuditLogs(),
  });
  await renderForEntity(<EntityHarborContent />, { api });
  // team-a/api renders normally: its artifacts, in its own table.
  expect(await screen.findByText('1.4.2')).toBeInTheDocument();
  expect(screen.getByText('2 artifacts')).toBeInTheDocument();
}

/** The table of a repository, found by its title. */
function tableOf(name: string): HTMLElement {
  const title = screen.getByText(name);
  const table = title.closest('.MuiPaper-root');
  if (!(table instanceof HTMLElement)) throw new Error(`no table for ${name}`);
  return table;
}

function expectNoPageError() {
  expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  expect(screen.queryByText(/showing data from/)).not.toBeInTheDocument();
}

describe('EntityHarborContent per-repository states', () => {
  it('shows a stale repository with its artifacts and its age', async () => {
    await renderTab({ state: 'stale', fetchedAt: minutesAgo(12) });
    expect(
      screen.getByText('Last read from Harbor 12 minutes ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('2024.05.01')).toBeInTheDocument();
    expect(
      screen.getByRole('alert', {
        name: /^team-a\/batch\/nightly-report: Last read/,
      }),
    ).toBeInTheDocument();
    // Only the stale repository says so.
    expect(screen.getAllByText(/Last read from Harbor/)).toHaveLength(1);
    expectNoPageError();
  });

  it('says a repository does not exist on the instance, and to check the annotation', async () => {
    await renderTab({ state: 'not-found', message: 'repository not found' });
    const table = tableOf('team-a/batch/nightly-report');
    expect(
      within(table).getByText(
        'team-a/batch/nightly-report does not exist on Harbor instance "default"',
      ),
    ).toBeInTheDocument();
    expect(
      within(table).getByText(/goharbor.io\/repository-slug annotation/),
    ).toBeInTheDocument();
    expect(within(table).getByText('Not available')).toBeInTheDocument();
    // Never "no artifacts yet, push an image" for a repository that is not there.
    expect(within(table).queryByText(/no artifacts yet/)).toBeNull();
    expectNoPageError();
  });

  it('says the instance is unreachable and when it was last reachable', async () => {
    await renderTab({ state: 'unreachable', lastReachableAt: minutesAgo(5) });
    const table = tableOf('team-a/batch/nightly-report');
    expect(
      within(table).getByText('Harbor instance "default" is unreachable'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText(/Harbor was last reachable 5 minutes ago/),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: /^Runbook:/ }),
    ).toHaveAttribute(
      'href',
      '/docs/default/system/container-registry/troubleshooting/#harbor-unavailable',
    );
    expectNoPageError();
  });

  it('says the instance rejected the configured credentials, with the runbook section', async () => {
    await renderTab({
      state: 'credentials-rejected',
      message: 'Harbor instance "default" rejected the configured credentials',
    });
    const table = tableOf('team-a/batch/nightly-report');
    expect(
      within(table).getByText(
        'Harbor instance "default" rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: /^Runbook:/ }),
    ).toHaveAttribute(
      'href',
      '/docs/default/system/container-registry/troubleshooting/#harbor-credentials-rejected',
    );
    // The backend's message repeats the title: said once.
    expect(
      screen.getAllByText(/rejected the configured credentials/),
    ).toHaveLength(1);
    expectNoPageError();
  });

  it('links the runbook configured in harbor.runbookUrl', async () => {
    const api = mockHarborApi({
      getEntityImages: jest
        .fn()
        .mockResolvedValue(
          imagesWithNightly({ state: 'credentials-rejected' }),
        ),
      getAuditLogs: getAuditLogs(),
    });
    await renderForEntity(<EntityHarborContent />, {
      api,
      config: { harbor: { runbookUrl: 'https://wiki.example.com/harbor/' } },
    });
    expect(
      await screen.findByRole('link', { name: /^Runbook:/ }),
    ).toHaveAttribute(
      'href',
      'https://wiki.example.com/harbor/troubleshooting/#harbor-credentials-rejected',
    );
  });

  it('says clearly that the credentials were rejected when the whole answer is a 503 about it', async () => {
    const api = mockHarborApi({
      getEntityImages: jest
        .fn()
        .mockRejectedValue(
          httpError(
            503,
            'Harbor instance "default" rejected the configured credentials',
            'HarborCredentialsRejectedError',
          ),
        ),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText(
        'Error: Harbor rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Harbor instance "default" rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Runbook:/ })).toHaveAttribute(
      'href',
      '/docs/default/system/container-registry/troubleshooting/#harbor-credentials-rejected',
    );
    expect(screen.queryByText(/Harbor is unreachable/)).toBeNull();
    expect(screen.queryByText(/ResponseError|"statusCode"|at /)).toBeNull();
  });

  it('says when Harbor was last reachable on a 503 of an unavailable instance', async () => {
    const error = httpError(
      503,
      'Harbor instance "default" is unavailable',
      'HarborUnavailableError',
    );
    Object.assign((error as any).body.error, {
      lastReachableAt: minutesAgo(7),
    });
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockRejectedValue(error),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText('Error: Harbor is unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Harbor was last reachable 7 minutes ago/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Runbook:/ })).toHaveAttribute(
      'href',
      '/docs/default/system/container-registry/troubleshooting/#harbor-unavailable',
    );
  });

  it("shows a 503 of the audit trail as a warning under the tables, in the backend's words only", async () => {
    const message =
      "Harbor instance 'misconfigured' rejected the configured credentials";
    const api = mockHarborApi({
      getEntityImages: jest
        .fn()
        .mockResolvedValue(
          imagesWithNightly({ state: 'credentials-rejected' }),
        ),
      getAuditLogs: jest
        .fn()
        .mockRejectedValue(
          httpError(
            503,
            `${message}; caused by HarborCredentialsRejectedError: ${message}`,
            'HarborCredentialsRejectedError',
          ),
        ),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText(
        'Warning: Harbor rejected the configured credentials',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/caused by/)).toBeNull();
    expect(screen.queryByText(/^Error:/)).toBeNull();
    expect(screen.getByText('1.4.2')).toBeInTheDocument();
  });

  it('shows the audit trail of the repositories it could read, and the state of the one it could not', async () => {
    const api = mockHarborApi({
      getEntityImages: jest
        .fn()
        .mockResolvedValue(imagesWithNightly({ state: 'unreachable' })),
      getAuditLogs: jest.fn().mockResolvedValue({
        page: 1,
        pageSize: 10,
        total: 1,
        items: [
          {
            id: 7,
            instance: 'default',
            time: minutesAgo(5),
            username: 'ci-bot',
            operation: 'create',
            resource: 'team-a/api:1.4.2',
            resourceType: 'artifact',
            succeeded: true,
          },
        ],
        unavailable: [
          {
            instance: 'down',
            project: 'team-a',
            repository: 'batch/nightly-report',
            status: {
              state: 'unreachable',
              message: "Harbor instance 'down' could not be reached",
            },
          },
        ],
      }),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    const trail = (await screen.findByText('Audit trail')).closest(
      '.MuiCard-root',
    ) as HTMLElement;
    expect(await within(trail).findByText('ci-bot')).toBeInTheDocument();
    expect(
      within(trail).getByLabelText(/^team-a\/batch\/nightly-report: /),
    ).toBeInTheDocument();
    expect(within(trail).queryByText(/Could not load/)).toBeNull();
  });
});
