/**
 * The repository name inside its project: `library/team/app` in project `library` becomes `team/app`.
 * `Repository.name` and `Artifact.repository_name` carry the project prefix, but the
 * `/projects/{project_name}/repositories/{repository_name}` paths want it stripped (harbor#12224, #18355).
 * @public
 */
export function relativeRepositoryName(
  project: string,
  repository: string,
): string {
  const prefix = `${project}/`;
  return repository.startsWith(prefix)
    ? repository.slice(prefix.length)
    : repository;
}

/**
 * The `repository_name` path segment exactly as Harbor expects it on the wire: the project prefix stripped and
 * the name URL-encoded twice, so `a/b` becomes `a%252Fb` (spec parameter `repositoryName`; harbor#11436, #19651).
 * @public
 */
export function encodeRepositoryName(
  project: string,
  repository: string,
): string {
  return encodeURIComponent(repositoryPathParam(project, repository));
}

/**
 * The value to hand to openapi-fetch as the `repository_name` path parameter. openapi-fetch applies
 * `encodeURIComponent` to every path parameter itself, which is the second of the two encodings Harbor needs,
 * so the wire form is {@link encodeRepositoryName}.
 * @internal
 */
export function repositoryPathParam(
  project: string,
  repository: string,
): string {
  return encodeURIComponent(relativeRepositoryName(project, repository));
}
