import {
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
  isHarborProjectName,
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

describe('isHarborProjectName', () => {
  it('takes a name of exactly 255 characters and refuses one of 256', () => {
    expect(isHarborProjectName('a'.repeat(255))).toBe(true);
    expect(isHarborProjectName('a'.repeat(256))).toBe(false);
  });

  it.each(['team-a', 'a.b_c-9'])('takes %p', name => {
    expect(isHarborProjectName(name)).toBe(true);
  });

  it.each(['Team-a', 'a--b', ''])('refuses %p', name => {
    expect(isHarborProjectName(name)).toBe(false);
  });
});
