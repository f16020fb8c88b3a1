import { apiVersionOf, groupVersions, RESOURCES } from './resources';

/**
 * API discovery documents (APIVersions, APIGroupList, APIResourceList) and `/version`, enough for clients
 * that discover before they call.
 */

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
];

/** The Kubernetes version the simulator claims to be. */
export const SIMULATED_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-simulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-23T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string) {
  const versions = groupVersions()
    .filter(gv => gv.group === group)
    .map(gv => ({
      groupVersion: apiVersionOf(gv),
      version: gv.version,
    }));
  if (versions.length === 0) return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions,
    preferredVersion: versions[0],
  };
}

export function groupList() {
  const groups = [...new Set(groupVersions().map(gv => gv.group))].filter(
    g => g !== '',
  );
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(g => {
      const { kind: _k, apiVersion: _a, ...rest } = apiGroup(g)!;
      return rest;
    }),
  };
}

export function groupDocument(group: string) {
  return apiGroup(group);
}

export function resourceList(group: string, version: string) {
  const resources = RESOURCES.filter(
    r => r.group === group && r.version === version,
  );
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: resources.flatMap(r => [
      {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: VERBS,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      },
      ...(r.statusSubresource
        ? [
            {
              name: `${r.plural}/status`,
              singularName: '',
              namespaced: r.namespaced,
              kind: r.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
    ]),
  };
}
