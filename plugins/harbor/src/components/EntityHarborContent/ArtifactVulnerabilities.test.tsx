import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityHarborContent } from './EntityHarborContent';
import {
  images,
  vulnerability,
  vulnerabilityPage,
} from '../../__testUtils__/fixtures';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

const digest = `sha256:${'c'.repeat(64)}`;
const drillDown = `/artifact?${new URLSearchParams({
  repository: 'team-a/batch/nightly-report',
  digest,
})}`;

function setup(getArtifactVulnerabilities = jest.fn()) {
  if (!getArtifactVulnerabilities.getMockImplementation()) {
    getArtifactVulnerabilities.mockResolvedValue(vulnerabilityPage());
  }
  const api = mockHarborApi({
    getEntityImages: jest.fn().mockResolvedValue(images()),
    getArtifactVulnerabilities,
  });
  return { api, getArtifactVulnerabilities };
}

const lastQuery = (mock: jest.Mock) => mock.mock.calls.at(-1)[1];

describe('the vulnerabilities drill-down', () => {
  it('opens from a link naming a nested repository and a digest', async () => {
    const { api, getArtifactVulnerabilities } = setup();
    await renderForEntity(<EntityHarborContent />, { api, path: drillDown });

    expect(await screen.findByText('CVE-2024-0001')).toBeInTheDocument();
    expect(screen.getByText('team-a/batch/nightly-report')).toBeInTheDocument();
    expect(screen.getByText('@sha256:cccccccccccc')).toBeInTheDocument();
    expect(screen.getByText('2024.05.01')).toBeInTheDocument();
    expect(screen.getByText('2 vulnerabilities')).toBeInTheDocument();
    expect(screen.getByText('9.8')).toBeInTheDocument();
    expect(
      screen.getByText('A buffer overflow in openssl.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /CVE-2024-0001/ })).toHaveAttribute(
      'href',
      'https://avd.aquasec.com/nvd/cve-2024-0001',
    );
    expect(lastQuery(getArtifactVulnerabilities)).toEqual({
      repository: 'team-a/batch/nightly-report',
      digest,
      severities: [],
      fixable: false,
      q: '',
      page: 1,
      pageSize: 25,
    });
  });

  it('asks the server for the chosen severities and fixable ones only', async () => {
    const { api, getArtifactVulnerabilities } = setup();
    await renderForEntity(<EntityHarborContent />, { api, path: drillDown });
    await screen.findByText('CVE-2024-0001');

    await userEvent.click(screen.getByRole('button', { name: /^Critical/ }));
    await waitFor(() =>
      expect(lastQuery(getArtifactVulnerabilities).severities).toEqual([
        'Critical',
      ]),
    );
    await userEvent.click(screen.getByRole('button', { name: /^High/ }));
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Fixable only' }),
    );
    await waitFor(() =>
      expect(lastQuery(getArtifactVulnerabilities)).toMatchObject({
        severities: ['Critical', 'High'],
        fixable: true,
        page: 1,
      }),
    );
  });

  it('searches on the server once the user stops typing', async () => {
    const { api, getArtifactVulnerabilities } = setup();
    await renderForEntity(<EntityHarborContent />, { api, path: drillDown });
    await screen.findByText('CVE-2024-0001');
    const calls = getArtifactVulnerabilities.mock.calls.length;

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search vulnerabilities' }),
      'zlib',
    );
    await waitFor(() =>
      expect(lastQuery(getArtifactVulnerabilities).q).toBe('zlib'),
    );
    // One request for the whole word, not one per key.
    expect(getArtifactVulnerabilities.mock.calls.length).toBe(calls + 1);
  });

  it('pages on the server', async () => {
    const getArtifactVulnerabilities = jest.fn(
      async (_ref: unknown, query: { page?: number }) =>
        vulnerabilityPage({
          items: [vulnerability({ id: `CVE-PAGE-${query.page}` })],
          total: 5000,
          page: query.page ?? 1,
          pageSize: 25,
        }),
    );
    const { api } = setup(getArtifactVulnerabilities as unknown as jest.Mock);
    await renderForEntity(<EntityHarborContent />, { api, path: drillDown });
    expect(await screen.findByText('CVE-PAGE-1')).toBeInTheDocument();
    expect(screen.getByText('5000 vulnerabilities')).toBeInTheDocument();
    expect(screen.getByText('1-25 of 5000')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('CVE-PAGE-2')).toBeInTheDocument();
    expect(screen.getByText('26-50 of 5000')).toBeInTheDocument();
  });

  it('says when no vulnerability matches the filters', async () => {
    const { api } = setup(
      jest.fn().mockResolvedValue(vulnerabilityPage({ items: [], total: 0 })),
    );
    await renderForEntity(<EntityHarborContent />, {
      api,
      path: `${drillDown}&fixable=true`,
    });
    expect(
      await screen.findByText('No vulnerability matches these filters.'),
    ).toBeInTheDocument();
  });

  it('explains an error and lets the user retry', async () => {
    const { api } = setup(
      jest
        .fn()
        .mockRejectedValueOnce(httpError(500, 'boom'))
        .mockResolvedValue(vulnerabilityPage()),
    );
    await renderForEntity(<EntityHarborContent />, { api, path: drillDown });
    expect(
      await screen.findByText(/Could not load the vulnerabilities/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('CVE-2024-0001')).toBeInTheDocument();
  });

  it('asks to choose an artifact when the link names none', async () => {
    const { api, getArtifactVulnerabilities } = setup();
    await renderForEntity(<EntityHarborContent />, {
      api,
      path: '/artifact',
    });
    expect(await screen.findByText(/No artifact chosen/)).toBeInTheDocument();
    expect(getArtifactVulnerabilities).not.toHaveBeenCalled();
  });
});
