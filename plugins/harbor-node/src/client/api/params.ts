import type { ListAllOptions } from '../pagination';
import { repositoryPathParam } from '../encoding';
import type { HarborProjectRef } from '../types';
import { DEFAULT_ACCEPT_VULNERABILITIES } from '../vulnerabilities';

/** One page of one item: the first of a sorted list, in one request. */
export const LATEST: ListAllOptions = { pageSize: 1, maxPages: 1 };

/** `X-Is-Resource-Name` for a project passed by name; Harbor treats a numeric path value as an id otherwise. */
export function projectParams(project: HarborProjectRef) {
  return typeof project === 'number'
    ? { header: {}, path: { project_name_or_id: String(project) } }
    : {
        header: { 'X-Is-Resource-Name': true },
        path: { project_name_or_id: project },
      };
}

/** The path parameters of a project's sub-resource, e.g. `{ mid }` of a member, with the project's header. */
export function projectChildParams<P extends Record<string, string | number>>(
  project: HarborProjectRef,
  path: P,
) {
  const params = projectParams(project);
  return { header: params.header, path: { ...params.path, ...path } };
}

/** The path parameters of a repository, its name encoded as Harbor wants (see encodeRepositoryName). */
export function repositoryParams(projectName: string, repositoryName: string) {
  return {
    project_name: projectName,
    repository_name: repositoryPathParam(projectName, repositoryName),
  };
}

/** The `X-Accept-Vulnerabilities` header: both report types by default, v1.1 first (harbor#16085). */
export function acceptHeader(acceptVulnerabilities?: string[]) {
  return {
    'X-Accept-Vulnerabilities': (
      acceptVulnerabilities ?? DEFAULT_ACCEPT_VULNERABILITIES
    ).join(', '),
  };
}
