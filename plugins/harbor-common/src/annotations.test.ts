import {
  getEntityRepositories,
  InvalidRepositorySlugError,
  isHarborAvailable,
  parseRepositorySlugs,
} from './annotations';

describe('parseRepositorySlugs', () => {
  it('reads project/repository', () => {
    expect(parseRepositorySlugs('team-a/api')).toEqual([
      { instance: undefined, project: 'team-a', repository: 'api' },
    ]);
  });

  it('keeps nested repositories inside the project', () => {
    expect(parseRepositorySlugs('platform/team/app')).toEqual([
      { instance: undefined, project: 'platform', repository: 'team/app' },
    ]);
  });

  it('reads a leading registry host, as the existing Harbor plugins do', () => {
    expect(parseRepositorySlugs('harbor.example.com/team-a/api')).toEqual([
      { instance: 'harbor.example.com', project: 'team-a', repository: 'api' },
    ]);
    expect(parseRepositorySlugs('localhost:8080/team-a/api')[0].instance).toBe(
      'localhost:8080',
    );
  });

  it('never reads a host when the instance annotation is set', () => {
    expect(parseRepositorySlugs('my.project/team/app', 'prod')).toEqual([
      { instance: 'prod', project: 'my.project', repository: 'team/app' },
    ]);
  });

  it('reads several comma-separated entries and drops duplicates', () => {
    expect(
      parseRepositorySlugs(' team-a/api , team-a/worker,team-a/api '),
    ).toEqual([
      { instance: undefined, project: 'team-a', repository: 'api' },
      { instance: undefined, project: 'team-a', repository: 'worker' },
    ]);
  });

  it.each([
    ['', /is empty/],
    ['justaproject', /must name a project and a repository/],
    ['Team/api', /"Team" is not a Harbor project name/],
    ['team/Api', /"Api" is not a valid repository path component/],
    ['team//api', /"" is not a valid repository path component/],
    ['team/api-', /"api-" is not a valid repository path component/],
  ])('rejects %j with a message that says why', (value, message) => {
    expect(() => parseRepositorySlugs(value)).toThrow(
      InvalidRepositorySlugError,
    );
    expect(() => parseRepositorySlugs(value)).toThrow(message);
  });
});

describe('getEntityRepositories', () => {
  const entity = (annotations?: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', annotations },
  });

  it('returns nothing for an entity without the annotation', () => {
    expect(getEntityRepositories(entity())).toEqual([]);
    expect(isHarborAvailable(entity())).toBe(false);
  });

  it('uses the instance annotation', () => {
    const e = entity({
      'goharbor.io/repository-slug': 'team-a/api',
      'goharbor.io/instance': 'staging',
    });
    expect(isHarborAvailable(e)).toBe(true);
    expect(getEntityRepositories(e)).toEqual([
      { instance: 'staging', project: 'team-a', repository: 'api' },
    ]);
  });
});
