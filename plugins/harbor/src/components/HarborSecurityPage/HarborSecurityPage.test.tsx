import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { harborApiRef, type HarborApi } from '../../api';
import { mockHarborApi } from '../../__testUtils__/renderWithApis';
import { HarborSecurityContent } from './HarborSecurityContent';
import { fleetResult, fleetSummary } from '../../__testUtils__/fleetFixtures';

function renderPage(api: HarborApi, path: string, allow = true) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [harborApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <SWRConfig value={{ provider: () => new Map() }}>
        <Routes>
          <Route path="/harbor/security" element={<HarborSecurityContent />} />
        </Routes>
      </SWRConfig>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name/*': entityRouteRef },
    },
  );
}

function fleetApi() {
  return mockHarborApi({
    searchFleetVulnerabilities: jest.fn().mockResolvedValue(fleetResult()),
    getFleetSummary: jest.fn().mockResolvedValue(fleetSummary()),
  });
}

describe('HarborSecurityContent', () => {
  it('groups a CVE search by CVE, then artifacts with their entities, owners and whether they run', async () => {
    const api = fleetApi();
    await renderPage(api, '/harbor/security?q=cve-2021-44228');

    expect(
      await screen.findByText('CVE-2021-44228 in log4j-core'),
    ).toBeInTheDocument();
    expect(api.searchFleetVulnerabilities).toHaveBeenCalledWith(
      expect.objectContaining({ cveId: 'CVE-2021-44228' }),
      expect.anything(),
    );
    const group = screen.getByTestId('fleet-cve-CVE-2021-44228-log4j-core');
    expect(
      within(group).getByText(
        /2 artifacts · 1 owner · 1 running · fix available/,
      ),
    ).toBeInTheDocument();
    const table = within(group).getByRole('table', {
      name: 'Artifacts with CVE-2021-44228',
    });
    const [, visible, hidden] = within(table).getAllByRole('row');
    expect(within(visible).getByText('2.14.1 → 2.17.1')).toBeInTheDocument();
    expect(within(visible).getByText('Running')).toBeInTheDocument();
    expect(
      within(visible).getByText('orders/orders-api-5d9f'),
    ).toBeInTheDocument();
    expect(
      within(visible).getByRole('link', { name: '(CVE list)' }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/component/orders-api/harbor/artifact?repository=team-a%2Fapi&digest=sha256%3A${'a'.repeat(
        64,
      )}&q=CVE-2021-44228`,
    );
    expect(
      within(visible).getByRole('link', { name: /team-a\/api:1\.4\.1/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('https://harbor.example.com/harbor/projects/1'),
    );
    // An entity the caller may not read is counted, never named.
    expect(
      within(hidden).getByText('and 1 you may not see'),
    ).toBeInTheDocument();
    expect(within(hidden).getByText('Not running')).toBeInTheDocument();
    // One instance failing does not hide the other's answer.
    expect(
      screen.getByText(/Harbor instance "legacy" could not be searched/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Harbor's Security Hub \(Harbor v2\.13\.0\), 2 matching findings/,
      ),
    ).toBeInTheDocument();
  });

  it('searches a package from the search box, with the chosen severities', async () => {
    const api = fleetApi();
    await renderPage(api, '/harbor/security?severity=Critical');
    await screen.findByText('CVE-2021-44228 in log4j-core');

    await userEvent.type(screen.getByLabelText('CVE id or package'), 'openssl');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));

    await waitFor(() =>
      expect(api.searchFleetVulnerabilities).toHaveBeenLastCalledWith(
        expect.objectContaining({ package: 'openssl', severity: ['Critical'] }),
        expect.anything(),
      ),
    );
  });

  it('asks for a search before calling the backend, and shows the summary with its dangerous CVEs', async () => {
    const api = fleetApi();
    await renderPage(api, '/harbor/security');

    expect(await screen.findByText(/Search for a CVE id/)).toBeInTheDocument();
    expect(
      await screen.findByText(/9 of 12 artifacts scanned \(75 %\)/),
    ).toBeInTheDocument();
    expect(api.searchFleetVulnerabilities).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('link', { name: 'CVE-2021-44228' }));
    await waitFor(() =>
      expect(api.searchFleetVulnerabilities).toHaveBeenCalledWith(
        expect.objectContaining({ cveId: 'CVE-2021-44228' }),
        expect.anything(),
      ),
    );
  });

  it('tells a user without harbor.fleet.read so, and asks the backend nothing', async () => {
    const api = fleetApi();
    await renderPage(api, '/harbor/security?q=openssl', false);

    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
    expect(api.searchFleetVulnerabilities).not.toHaveBeenCalled();
    expect(api.getFleetSummary).not.toHaveBeenCalled();
  });
});
