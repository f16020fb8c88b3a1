import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityWorkloads,
  HarborPlatformStatus,
} from '@backstage-harbor/plugin-harbor-common';
import { EntityHarborPlatformStatusCard } from './EntityHarborPlatformStatusCard';
import { EntityHarborWorkloadsCard } from './EntityHarborWorkloadsCard';
import {
  httpError,
  mockHarborApi,
  renderForEntity,
} from '../../__testUtils__/renderWithApis';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'container-registry',
    namespace: 'default',
    annotations: { 'goharbor.io/platform-namespace': 'harbor' },
  },
  spec: { owner: 'group:default/platform-team' },
};

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'storefront-web',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'storefront' },
  },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
};

const status: HarborPlatformStatus = {
  cluster: 'prod-cluster',
  namespace: 'harbor',
  status: 'error',
  chartVersion: '27.0.4',
  fetchedAt: new Date().toISOString(),
  checks: [
    {
      id: 'external-secret/harbor-s3',
      kind: 'external-secret',
      title: 'ExternalSecret harbor-s3',
      status: 'error',
      message: 'SecretSyncedError: item not found',
      runbook: {
        page: 'troubleshooting.md',
        anchor: 'platform-externalsecret-not-synced',
      },
    },
    {
      id: 'certificate/harbor-tls',
      kind: 'certificate',
      title: 'Certificate harbor-tls',
      status: 'ok',
      message: 'expires in 30 days',
      runbook: {
        page: 'troubleshooting.md',
        anchor: 'platform-certificate-not-ready',
      },
    },
  ],
};

describe('EntityHarborPlatformStatusCard', () => {
  it('lists the failing check first with a link to its runbook section', async () => {
    const api = mockHarborApi({
      getPlatformStatus: jest.fn().mockResolvedValue(status),
    });
    await renderForEntity(<EntityHarborPlatformStatusCard />, {
      api,
      entity: system,
      config: { harbor: { runbookUrl: 'https://runbook.example.com/' } },
    });
    expect(
      await screen.findByText('1 of 2 checks need attention'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ExternalSecret harbor-s3');
    expect(rows[2]).toHaveTextContent('Certificate harbor-tls');
    const runbookLinks = [...document.querySelectorAll('a')].filter(a =>
      a.textContent?.includes('Runbook'),
    );
    expect(runbookLinks[0].getAttribute('href')).toBe(
      'https://runbook.example.com/troubleshooting/#platform-externalsecret-not-synced',
    );
    expect(api.getPlatformStatus).toHaveBeenCalledWith(
      { kind: 'System', namespace: 'default', name: 'container-registry' },
      expect.anything(),
    );
  });

  it('shows the 503 of an unreachable cluster with its message', async () => {
    const api = mockHarborApi({
      getPlatformStatus: jest
        .fn()
        .mockRejectedValue(
          httpError(503, 'Kubernetes cluster prod-cluster: could not list'),
        ),
    });
    await renderForEntity(<EntityHarborPlatformStatusCard />, {
      api,
      entity: system,
    });
    expect(
      await screen.findByText(/Kubernetes cluster prod-cluster/),
    ).toBeInTheDocument();
  });
});

describe('EntityHarborWorkloadsCard', () => {
  it('flags an image from the old registry and shows the running artifact', async () => {
    const workloads: EntityWorkloads = {
      cluster: 'prod-cluster',
      labelSelector: 'backstage.io/kubernetes-id=storefront',
      fetchedAt: new Date().toISOString(),
      pods: [{ namespace: 'team-a', name: 'web-1', ready: true }],
      images: [
        {
          image: 'registry.old.example.com/web:1.0',
          registry: 'registry.old.example.com',
          repository: 'web',
          tag: '1.0',
          origin: 'legacy-registry',
          containers: [{ namespace: 'team-a', pod: 'web-1', container: 'web' }],
        },
        {
          image: 'harbor.example.com/team-a/web:v1.4.1',
          registry: 'harbor.example.com',
          repository: 'team-a/web',
          tag: 'v1.4.1',
          digest: `sha256:${'a'.repeat(64)}`,
          origin: 'harbor',
          artifact: {
            instance: 'default',
            project: 'team-a',
            repository: 'web',
            digest: `sha256:${'a'.repeat(64)}`,
            tags: ['v1.4.0'],
            harborUrl: 'https://harbor.example.com/harbor/projects/1',
            scan: {
              status: 'success',
              severity: 'High',
              counts: {
                Critical: 0,
                High: 1,
                Medium: 0,
                Low: 0,
                Unknown: 0,
                None: 0,
              } as any,
              total: 1,
              fixable: 1,
            },
          },
          containers: [{ namespace: 'team-a', pod: 'web-1', container: 'web' }],
        },
      ],
    };
    const api = mockHarborApi({
      getEntityWorkloads: jest.fn().mockResolvedValue(workloads),
    });
    await renderForEntity(<EntityHarborWorkloadsCard />, {
      api,
      entity: component,
    });
    expect(
      await screen.findByText('Old registry: migrate to Harbor'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 image is still pulled from the old registry/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('harbor.example.com/team-a/web:v1.4.1').closest('a'),
    ).toHaveAttribute('href', 'https://harbor.example.com/harbor/projects/1');
  });
});
