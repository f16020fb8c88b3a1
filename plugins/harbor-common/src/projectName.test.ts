import {
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
} from './projectName';

describe("Harbor's project-name rule", () => {
  it.each(['team-a', 'a', 'a.b_c-9', '0'])('takes %p', name => {
    expect(HARBOR_PROJECT_NAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['Team-a', 'a--b', '-a', 'a.', 'a/b', 'a b', ''])(
    'refuses %p',
    name => {
      expect(HARBOR_PROJECT_NAME_PATTERN.test(name)).toBe(false);
    },
  );

  it('says in words the pattern it checks', () => {
    expect(HARBOR_PROJECT_NAME_RULE).toContain(
      HARBOR_PROJECT_NAME_PATTERN.source,
    );
  });
});
