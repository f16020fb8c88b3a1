import { nameFilter, planMigration, validateMappingRules } from './mapping';

const repositories = [
  { name: 'legacy-app', tags: ['old'] },
  { name: 'team-a/api', tags: ['1.0', '2.0'] },
  { name: 'team-a/x/worker', tags: ['v1'] },
  { name: 'team-b/tools/cli', tags: ['0.9', '1.0', '1.1'] },
];

function inputError(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect((error as Error).name).toBe('InputError');
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('planMigration', () => {
  it('maps by the first matching prefix and removes the prefix inside the project', () => {
    const plan = planMigration(repositories, [
      { prefix: 'team-a/', project: 'team-a' },
      { prefix: 'team-b/tools/', project: 'tools' },
      { prefix: '', project: 'legacy' },
    ]);
    expect(plan.repositories.map(r => [r.source, r.target, r.tags])).toEqual([
      ['legacy-app', 'legacy/legacy-app', 1],
      ['team-a/api', 'team-a/api', 2],
      ['team-a/x/worker', 'team-a/x/worker', 1],
      ['team-b/tools/cli', 'tools/cli', 3],
    ]);
    expect(plan.projects).toEqual([
      {
        project: 'team-a',
        replaceCount: 1,
        repositories: ['team-a/api', 'team-a/x/worker'],
        tags: 3,
      },
      {
        project: 'tools',
        replaceCount: 2,
        repositories: ['team-b/tools/cli'],
        tags: 3,
      },
      {
        project: 'legacy',
        replaceCount: 0,
        repositories: ['legacy-app'],
        tags: 1,
      },
    ]);
    expect(plan.unmapped).toEqual([]);
    expect(plan.tagCount).toBe(7);
  });

  it('keeps the whole name with keepPath and reports the repositories no rule maps', () => {
    const plan = planMigration(repositories, [
      { prefix: 'team-a/', project: 'team-a', keepPath: true },
    ]);
    expect(plan.repositories.map(r => r.target)).toEqual([
      'team-a/team-a/api',
      'team-a/team-a/x/worker',
    ]);
    expect(plan.projects[0].replaceCount).toBe(0);
    expect(plan.unmapped).toEqual(['legacy-app', 'team-b/tools/cli']);
  });

  it('refuses two sources that would land in the same Harbor repository', () => {
    const message = inputError(() =>
      planMigration(
        [
          { name: 'a/api', tags: [] },
          { name: 'b/api', tags: [] },
        ],
        [
          { prefix: 'a/', project: 'apps' },
          { prefix: 'b/', project: 'apps' },
        ],
      ),
    );
    expect(message).toContain('a/api and b/api both → apps/api');
  });
});

describe('validateMappingRules', () => {
  it('names the rule and the field that breaks Harbor project naming', () => {
    expect(
      inputError(() =>
        validateMappingRules([{ prefix: 'team-a/', project: 'Team_A!' }]),
      ),
    ).toContain(
      'rules[0].project: must be a Harbor project name: lower-case letters and digits',
    );
  });

  it('requires whole path components in a prefix', () => {
    expect(
      inputError(() =>
        validateMappingRules([{ prefix: 'team-a', project: 'team-a' }]),
      ),
    ).toContain(
      "rules[0].prefix: must be empty (every repository) or whole repository path components each followed by '/'",
    );
  });

  it('refuses a rule an earlier one shadows', () => {
    expect(
      inputError(() =>
        validateMappingRules([
          { prefix: '', project: 'legacy' },
          { prefix: 'team-a/', project: 'team-a' },
        ]),
      ),
    ).toContain(
      "rules[1].prefix: 'team-a/' never matches because rules[0] (prefix '') matches first",
    );
  });

  it('refuses two depths for one project, which one policy cannot express', () => {
    expect(
      inputError(() =>
        validateMappingRules([
          { prefix: 'team-a/', project: 'apps' },
          { prefix: 'org/team-b/', project: 'apps' },
        ]),
      ),
    ).toContain(
      'rules[1]: names repositories in project apps differently from rules[0]',
    );
  });
});

describe('nameFilter', () => {
  it('is the exact name for one repository and {a,b} alternatives for several', () => {
    expect(nameFilter(['team-a/api'])).toBe('team-a/api');
    expect(nameFilter(['team-a/web', 'team-a/api'])).toBe(
      '{team-a/api,team-a/web}',
    );
  });
});
