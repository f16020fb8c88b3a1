import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { harborApiRef } from '../../api';
import { httpError, mockHarborApi } from '../../__testUtils__/renderWithApis';
import {
  artifact,
  counts,
  repositorySummary,
  trend,
} from '../../__testUtils__/fixtures';
import { EntityHarborOwnedImagesCard } from './EntityHarborOwnedImagesCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function component(name: string, owner = 'group:default/team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'goharbor.io/repository-slug': `team-a/${name}` },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

async function renderCard(
  entities: Entity[],
  summaries: Record<string, unknown>,
) {
  const api = mockHarborApi({
    getVulnerabilitySummary: jest.fn(async ref => {
      const answer = summaries[ref.name];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getVulnerabilityTrend: jest.fn(async () => trend(3)),
  });
  const catalogApi = catalogApiMock({ entities: [group, ...entities] });
  const getEntities = jest.spyOn(catalogApi, 'getEntities');
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [harborApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <EntityProvider entity={group}>
        <EntityHarborOwnedImagesCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name/*': entityRouteRef } },
  );
  return { api, getEntities };
}

const summary = (repository: string, critical: number) => ({
  stale: false,
  unavailable: [],
  fetchedAt: '2026-12-01T00:00:00Z',
  repositories: [
    repositorySummary({
      repository,
      artifact: artifact({
        tags: [`${repository}-1.0`],
        scan: {
          status: 'success',
          counts: counts({ Critical: critical }),
          total: critical,
          fixable: 0,
        },
      }),
    }),
  ],
});

describe('EntityHarborOwnedImagesCard', () => {
  it("shows the group's worst latest images across its components, and counts those it may not read", async () => {
    const { getEntities } = await renderCard(
      [
        component('web'),
        component('api'),
        component('secret'),
        component('other', 'group:default/team-b'),
      ],
      {
        web: summary('web', 0),
        api: summary('api', 3),
        secret: httpError(403, 'not allowed'),
      },
    );

    expect(await screen.findByText('Our images')).toBeInTheDocument();
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map(r => r.textContent)).toEqual([
      expect.stringMatching(/^team-a\/api:api-1\.0.*api.*Critical 3/),
      expect.stringMatching(/^team-a\/web:web-1\.0.*web/),
    ]);
    expect(
      screen.getByText(/3 entities with Harbor repositories · 1 not shown/),
    ).toBeInTheDocument();
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: expect.objectContaining({
          'relations.ownedBy': 'group:default/team-a',
        }),
      }),
    );
    expect(
      screen.getByRole('img', { name: /Vulnerabilities from/ }),
    ).toBeInTheDocument();
  });

  it('says so when the group owns nothing that names a Harbor repository', async () => {
    await renderCard([], {});
    expect(
      await screen.findByText(
        /No entity this group owns names a Harbor repository/,
      ),
    ).toBeInTheDocument();
  });
});
