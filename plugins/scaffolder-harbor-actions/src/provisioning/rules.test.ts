import {
  PROJECT_ROLES,
  SECRET_NAME_PATTERN,
  SELECTOR_PATTERN,
  roleName,
} from './rules';

describe("Harbor's rules", () => {
  it('names project roles as Harbor does, and an unknown role by its id', () => {
    expect(roleName(PROJECT_ROLES.projectAdmin)).toBe('projectAdmin');
    expect(roleName(4)).toBe('maintainer');
    expect(roleName(5)).toBe('limitedGuest');
    expect(roleName(9)).toBe('role 9');
    expect(roleName(undefined)).toBe('role undefined');
  });

  it('takes DNS-1123 subdomains as Secret names', () => {
    for (const name of ['a', 'harbor-robot-team-a-ci', 'a.b-c.d1', 'a.b'])
      expect(SECRET_NAME_PATTERN.test(name)).toBe(true);
    for (const name of ['', '-a', 'a-', 'A', 'a_b', 'a..b', '.a', 'a.'])
      expect(SECRET_NAME_PATTERN.test(name)).toBe(false);
  });

  it('takes selectors without whitespace', () => {
    expect(SELECTOR_PATTERN.test('**')).toBe(true);
    expect(SELECTOR_PATTERN.test('team/*')).toBe(true);
    expect(SELECTOR_PATTERN.test('')).toBe(false);
    expect(SELECTOR_PATTERN.test('v* ')).toBe(false);
    expect(SELECTOR_PATTERN.test(' v*')).toBe(false);
  });
});
