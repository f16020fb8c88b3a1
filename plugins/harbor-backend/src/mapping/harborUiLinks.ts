import { relativeRepositoryName } from '@backstage-harbor/plugin-harbor-node';

/*
 * Deep links into the Harbor web UI (portal, Angular routes `harbor/projects/:id/repositories/:repo/...`).
 * The UI addresses a project by its numeric id and a repository by its name inside the project as ONE route
 * segment, so a nested name's slashes are percent-encoded once (`team/app` → `team%2Fapp`); the double encoding
 * is for the REST API only (harbor#11436). Digests (`sha256:…`) are route-safe as they are.
 */

function base(uiUrl: string): string {
  return uiUrl.replace(/\/+$/, '');
}

/** The project's repository list. */
export function harborProjectUrl(uiUrl: string, projectId: number): string {
  return `${base(uiUrl)}/harbor/projects/${projectId}/repositories`;
}

/** The repository's artifact list. `repository` may carry the project prefix. */
export function harborRepositoryUrl(
  uiUrl: string,
  projectId: number,
  project: string,
  repository: string,
): string {
  const name = encodeURIComponent(relativeRepositoryName(project, repository));
  return `${harborProjectUrl(uiUrl, projectId)}/${name}/artifacts-tab`;
}

/** The artifact's page (overview, vulnerabilities, build history). */
export function harborArtifactUrl(
  uiUrl: string,
  projectId: number,
  project: string,
  repository: string,
  digest: string,
): string {
  return `${harborRepositoryUrl(
    uiUrl,
    projectId,
    project,
    repository,
  )}/artifacts/${encodeURIComponent(digest).replace(/%3A/gi, ':')}`;
}
