import {
  getEntityRepositories,
  InvalidRepositorySlugError,
  isHarborAvailable,
  isHarborEntity,
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

  it('reads a two-segment slug whose project contains a dot as project/repository, not as a host', () => {
    expect(parseRepositorySlugs('my.project/app')).toEqual([
      { instance: undefined, project: 'my.project', repository: 'app' },
    ]);
  });

  it('reads localhost as a registry host', () => {
    expect(parseRepositorySlugs('localhost/team-a/api')).toEqual([
      { instance: 'localhost', project: 'team-a', repository: 'api' },
    ]);
  });

  it('keeps the same repository on two instances as two entries', () => {
    expect(
      parseRepositorySlugs(
        'a.example.com/team-a/api, b.example.com/team-a/api, team-a/api',
      ),
    ).toEqual([
      { instance: 'a.example.com', project: 'team-a', repository: 'api' },
      { instance: 'b.example.com', project: 'team-a', repository: 'api' },
      { instance: undefined, project: 'team-a', repository: 'api' },
    ]);
  });

  it('trims the instance annotation, and a blank one means the default instance', () => {
    expect(parseRepositorySlugs('team-a/api', ' prod ')).toEqual([
      { instance: 'prod', project: 'team-a', repository: 'api' },
    ]);
    expect(parseRepositorySlugs('harbor.example.com/team-a/api', '  ')).toEqual(
      [
        {
          instance: 'harbor.example.com',
          project: 'team-a',
          repository: 'api',
        },
      ],
    );
  });

  it('accepts a project name of 255 characters and refuses one of 256', () => {
    const longest = 'p'.repeat(255);
    expect(parseRepositorySlugs(`${longest}/api`)).toEqual([
      { instance: undefined, project: longest, repository: 'api' },
    ]);
    expect(() => parseRepositorySlugs(`${longest}p/api`)).toThrow(
      `goharbor.io/repository-slug entry "${longest}p/api": "${longest}p" is not a Harbor project name`,
    );
  });

  it("accepts repository path components joined by '.', '_', '__' or several dashes", () => {
    expect(
      parseRepositorySlugs('team-a/web.frontend/api_v2/tools__x/my--app').map(
        ref => ref.repository,
      ),
    ).toEqual(['web.frontend/api_v2/tools__x/my--app']);
  });

  it('throws an error named InvalidRepositorySlugError that names the entry', () => {
    let error: unknown;
    try {
      parseRepositorySlugs('team-a');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRepositorySlugError);
    expect(error).toMatchObject({
      name: 'InvalidRepositorySlugError',
      message:
        'goharbor.io/repository-slug entry "team-a" must name a project and a repository, as project/repository',
    });
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

  it('is not available with other annotations only, or a blank slug', () => {
    expect(isHarborAvailable(entity({ 'backstage.io/owner': 'team-a' }))).toBe(
      false,
    );
    expect(
      isHarborAvailable(entity({ 'goharbor.io/repository-slug': '  ' })),
    ).toBe(false);
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

describe('isHarborEntity', () => {
  const entity = (annotations?: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'harbor', annotations },
  });

  it('takes an entity that names repositories or only an instance', () => {
    expect(
      isHarborEntity(entity({ 'goharbor.io/repository-slug': 'team-a/api' })),
    ).toBe(true);
    expect(isHarborEntity(entity({ 'goharbor.io/instance': 'default' }))).toBe(
      true,
    );
  });

  it('refuses an entity with neither annotation, or an empty one', () => {
    expect(isHarborEntity(entity())).toBe(false);
    expect(isHarborEntity(entity({ 'goharbor.io/instance': '' }))).toBe(false);
    expect(isHarborEntity(entity({ 'goharbor.io/repository-slug': ' ' }))).toBe(
      false,
    );
  });
});
