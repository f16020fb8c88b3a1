import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityHarborContent } from './EntityHarborContent';
import {
  entityWithoutAnnotation,
  images,
  vulnerabilityPage,
} from '../../__testUtils__/fixtures';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

describe('EntityHarborContent', () => {
  it('shows one table per repository with every artifact', async () => {
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(images()),
    });
    await renderForEntity(<EntityHarborContent />, { api });

    expect(await screen.findByText('team-a/api')).toBeInTheDocument();
    expect(screen.getByText('team-a/batch/nightly-report')).toBeInTheDocument();
    expect(screen.getByText('1.4.2')).toBeInTheDocument();
    expect(screen.getByText('sha256:4a1c0e3f9b2d')).toBeInTheDocument();
    expect(screen.getAllByText('50.0 MiB')).toHaveLength(3);
    expect(screen.getByText('Not scanned')).toBeInTheDocument();
    expect(screen.getByText('Critical 2')).toBeInTheDocument();
    expect(api.getEntityImages).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'orders-api' },
      expect.anything(),
    );
  });

  it('shows a loading skeleton until the images arrive', async () => {
    const api = mockHarborApi({
      getEntityImages: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(await screen.findByTestId('harbor-loading')).toBeInTheDocument();
  });

  it('asks for the annotation when the entity has none', async () => {
    const api = mockHarborApi();
    await renderForEntity(<EntityHarborContent />, {
      api,
      entity: entityWithoutAnnotation,
    });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/goharbor.io\/repository-slug/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityImages).not.toHaveBeenCalled();
  });

  it('says the annotation is invalid and why', async () => {
    const api = mockHarborApi();
    await renderForEntity(<EntityHarborContent />, {
      api,
      entity: {
        ...entityWithoutAnnotation,
        metadata: {
          name: 'bad',
          annotations: { 'goharbor.io/repository-slug': 'Team/api' },
        },
      },
    });
    expect(
      await screen.findByText(/annotation is invalid/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/"Team" is not a Harbor project name/),
    ).toBeInTheDocument();
  });

  it("says the user doesn't have access when the permission is denied, without calling the backend", async () => {
    const api = mockHarborApi();
    await renderForEntity(<EntityHarborContent />, { api, allow: false });
    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
    expect(api.getEntityImages).not.toHaveBeenCalled();
  });

  it("says the user doesn't have access when the backend answers 403", async () => {
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockRejectedValue(httpError(403, 'denied')),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
  });

  it('shows the cached data with a warning when Harbor is down', async () => {
    const value = images({ stale: true });
    for (const repository of value.repositories) {
      repository.status = { state: 'stale', fetchedAt: '2024-05-03T12:00:00Z' };
    }
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(value),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findAllByText(
        /Harbor instance "default" is unavailable: this is the last copy the backend read, at 2024-05-03 12:00 UTC/,
      ),
    ).toHaveLength(2);
    expect(screen.getByText('team-a/api')).toBeInTheDocument();
  });

  it('says Harbor is unreachable and offers a retry when there is no cached data', async () => {
    const getEntityImages = jest
      .fn()
      .mockRejectedValueOnce(
        httpError(503, 'Harbor instance "default" is unreachable'),
      )
      .mockResolvedValue(images());
    await renderForEntity(<EntityHarborContent />, {
      api: mockHarborApi({ getEntityImages }),
    });
    expect(
      await screen.findByText(/Harbor is unreachable/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Harbor instance "default" is unreachable'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('team-a/api')).toBeInTheDocument();
  });

  it('points at the annotation when Harbor has no such repository', async () => {
    const api = mockHarborApi({
      getEntityImages: jest
        .fn()
        .mockRejectedValue(httpError(404, 'repository team-a/api not found')),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText('repository team-a/api not found'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/names an existing Harbor project/),
    ).toBeInTheDocument();
  });

  it('filters the artifacts by the search text', async () => {
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(images()),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    await screen.findByText('team-a/api');
    const [firstSearch] = screen.getAllByPlaceholderText('Filter');
    await userEvent.type(firstSearch, '1.4.1');
    await waitFor(() =>
      expect(screen.queryByText('1.4.2')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('1.4.1')).toBeInTheDocument();
  });

  it('drills down into an artifact’s vulnerabilities and comes back', async () => {
    const getArtifactVulnerabilities = jest
      .fn()
      .mockResolvedValue(vulnerabilityPage());
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(images()),
      getArtifactVulnerabilities,
    });
    await renderForEntity(<EntityHarborContent />, { api });
    await screen.findByText('team-a/batch/nightly-report');

    const nested = screen
      .getByText('team-a/batch/nightly-report')
      .closest('[class*="MuiPaper-root"]') as HTMLElement;
    await userEvent.click(within(nested).getByRole('link', { name: 'CVEs' }));

    expect(await screen.findByText('CVE-2024-0001')).toBeInTheDocument();
    expect(getArtifactVulnerabilities).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'orders-api' }),
      expect.objectContaining({
        repository: 'team-a/batch/nightly-report',
        digest: `sha256:${'c'.repeat(64)}`,
        page: 1,
      }),
      expect.anything(),
    );
    expect(screen.getByText('openssl')).toBeInTheDocument();
    expect(screen.getByText('3.0.13')).toBeInTheDocument();
    expect(screen.getByText('No fix yet')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: /All artifacts/ }));
    expect(await screen.findByText('team-a/api')).toBeInTheDocument();
    expect(api.getEntityImages).toHaveBeenCalledTimes(1);
  });
});
