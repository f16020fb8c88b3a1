import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { harborApiRef, type HarborApi } from '../api';
import { entity as defaultEntity } from './fixtures';

/** A HarborApi whose every method fails unless the test gives it. */
export function mockHarborApi(
  partial: { [K in keyof HarborApi]?: jest.Mock } = {},
): jest.Mocked<HarborApi> {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`unexpected call to ${name}`)));
  return {
    getBackendStatus: unexpected('getBackendStatus'),
    getEntityImages: unexpected('getEntityImages'),
    getVulnerabilitySummary: unexpected('getVulnerabilitySummary'),
    getArtifactVulnerabilities: unexpected('getArtifactVulnerabilities'),
    getRegistryHealth: unexpected('getRegistryHealth'),
    getVulnerabilityTrend: unexpected('getVulnerabilityTrend'),
    getAuditLogs: unexpected('getAuditLogs'),
    getPlatformStatus: unexpected('getPlatformStatus'),
    getEntityWorkloads: unexpected('getEntityWorkloads'),
    searchFleetVulnerabilities: unexpected('searchFleetVulnerabilities'),
    getFleetSummary: unexpected('getFleetSummary'),
    ...partial,
  } as jest.Mocked<HarborApi>;
}

/** Renders an entity-page element in a test app, mounted under `/catalog/default/component/orders-api/harbor`. */
export function renderForEntity(
  element: ReactNode,
  options: {
    api: HarborApi;
    entity?: Entity;
    allow?: boolean;
    path?: string;
    config?: object;
  },
) {
  const {
    api,
    entity = defaultEntity,
    allow = true,
    path = '',
    config = {},
  } = options;
  const base = '/catalog/default/component/orders-api/harbor';
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
        [configApiRef, mockApis.config({ data: config })],
      ]}
    >
      {/* usePermission caches answers in SWR's global cache; a fresh cache keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>
          <Routes>
            <Route path={`${base}/*`} element={element} />
          </Routes>
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { routeEntries: [`${base}${path}`] },
  );
}

/**
 * An error shaped like the ResponseError HarborBackendClient throws for a backend error body; `name` is the body's
 * `error.name` (by default Backstage's name for the status).
 */
export function httpError(
  statusCode: number,
  message: string,
  name?: string,
): Error {
  const names: Record<number, string> = {
    403: 'NotAllowedError',
    404: 'NotFoundError',
    503: 'ServiceUnavailableError',
  };
  const cause = { name: name ?? names[statusCode] ?? 'Error', message };
  return Object.assign(
    new Error(`Request failed with ${statusCode}, ${message}`),
    {
      name: 'ResponseError',
      statusCode,
      cause,
      body: {
        error: cause,
        request: { method: 'GET', url: '/api/harbor/entities' },
        response: { statusCode },
      },
    },
  );
}
