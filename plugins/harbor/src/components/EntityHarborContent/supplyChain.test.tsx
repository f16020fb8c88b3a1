import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { HarborAuditLogPage } from '@backstage-harbor/plugin-harbor-common';
import { EntityHarborContent } from './EntityHarborContent';
import { EntityHarborVulnerabilitySummaryCard } from '../cards/EntityHarborVulnerabilitySummaryCard';
import { EntityHarborRegistryHealthCard } from '../cards/EntityHarborRegistryHealthCard';
import {
  artifact,
  images,
  registryHealth,
  repositorySummary,
  vulnerabilitySummary,
} from '../../__testUtils__/fixtures';
import {
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

const BLOCKED =
  'Not signed with cosign, and the project requires a cosign signature (content trust).';

function trustImages() {
  const data = images();
  data.repositories[0].artifacts = [
    artifact({
      signature: { signed: true, kinds: ['cosign', 'notation'] },
      sbom: true,
      pullable: { allowed: true, reasons: [] },
    }),
  ];
  data.repositories[1].artifacts = [
    artifact({
      digest: `sha256:${'c'.repeat(64)}`,
      tags: ['2024.05.01'],
      signature: { signed: false, kinds: [] },
      sbom: false,
      pullable: { allowed: false, reasons: [BLOCKED] },
    }),
  ];
  return data;
}

function auditPage(
  page: number,
  pageSize: number,
  total = 12,
): HarborAuditLogPage {
  return {
    page,
    pageSize,
    total,
    items: Array.from(
      { length: Math.min(pageSize, total - (page - 1) * pageSize) },
      (_, i) => {
        const n = (page - 1) * pageSize + i;
        return {
          id: 100 - n,
          username: n === 0 ? 'robot$team-a+ci' : 'alice',
          resource: `team-a/api:1.4.${n}`,
          resourceType: 'artifact',
          operation: n === 0 ? 'create' : 'pull',
          time: '2024-05-01T10:00:00Z',
          succeeded: true,
          instance: 'default',
        };
      },
    ),
  };
}

describe('supply-chain trust in the Harbor tab and cards', () => {
  it('shows per artifact whether it is signed, has an SBOM, and why its pull is blocked', async () => {
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(trustImages()),
      getAuditLogs: jest.fn().mockResolvedValue(auditPage(1, 10, 0)),
    });
    await renderForEntity(<EntityHarborContent />, { api });
    expect(
      await screen.findByText('Signed (cosign, Notation)'),
    ).toBeInTheDocument();
    expect(screen.getByText('SBOM')).toBeInTheDocument();
    expect(screen.getByText('Pullable')).toBeInTheDocument();
    expect(screen.getByText('Unsigned')).toBeInTheDocument();
    expect(screen.getByText('Pull blocked')).toBeInTheDocument();
    expect(screen.getByText(BLOCKED)).toBeInTheDocument();
  });

  it('pages the audit trail on the server and filters it by operation', async () => {
    const getAuditLogs = jest.fn(
      async (_ref: unknown, query: { page: number; pageSize: number }) =>
        auditPage(query.page, query.pageSize),
    );
    const api = mockHarborApi({
      getEntityImages: jest.fn().mockResolvedValue(trustImages()),
      getAuditLogs,
    });
    await renderForEntity(<EntityHarborContent />, { api });
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    expect(within(table).getByText('robot$team-a+ci')).toBeInTheDocument();
    expect(within(table).getByText('push')).toBeInTheDocument();
    expect(screen.getByText('1-10 of 12')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(screen.getByText('11-12 of 12')).toBeInTheDocument(),
    );
    expect(getAuditLogs).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'orders-api' }),
      { page: 2, pageSize: 10, operation: undefined },
      expect.anything(),
    );

    fireEvent.mouseDown(screen.getByRole('button', { name: /operation/i }));
    fireEvent.click(await screen.findByRole('option', { name: 'pull' }));
    await waitFor(() =>
      expect(getAuditLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        { page: 1, pageSize: 10, operation: 'pull' },
        expect.anything(),
      ),
    );
  });

  it('counts the unsigned and pull-blocked latest artifacts on the summary card', async () => {
    const summary = vulnerabilitySummary({
      repositories: trustImages().repositories.map(r =>
        repositorySummary({
          repository: r.repository,
          artifact: r.artifacts[0],
          fixableCriticals: 0,
        }),
      ),
    });
    const api = mockHarborApi({
      getVulnerabilitySummary: jest.fn().mockResolvedValue(summary),
    });
    await renderForEntity(<EntityHarborVulnerabilitySummaryCard />, { api });
    expect(
      await screen.findByText('1 of 2 latest unsigned'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 latest pull blocked')).toBeInTheDocument();
  });

  it('shows on the health card whether audit logs are forwarded, or why that is unknown', async () => {
    const api = mockHarborApi({
      getRegistryHealth: jest.fn().mockResolvedValue(
        registryHealth({
          auditLogForwarding: {
            status: 'configured',
            endpoint: 'syslog.example.com:514',
          },
        }),
      ),
    });
    const { unmount } = await renderForEntity(
      <EntityHarborRegistryHealthCard />,
      { api },
    );
    expect(await screen.findByText('Audit log forwarding')).toBeInTheDocument();
    expect(screen.getByText('syslog.example.com:514')).toBeInTheDocument();
    unmount();

    api.getRegistryHealth.mockResolvedValue(
      registryHealth({
        auditLogForwarding: {
          status: 'unknown',
          reason:
            'The configured Harbor account may not read the system configuration.',
        },
      }),
    );
    await renderForEntity(<EntityHarborRegistryHealthCard />, { api });
    expect(
      await screen.findByText(
        'Unknown: The configured Harbor account may not read the system configuration.',
      ),
    ).toBeInTheDocument();
  });
});
