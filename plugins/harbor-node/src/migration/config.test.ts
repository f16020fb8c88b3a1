import { ConfigReader } from '@backstage/config';
import { readMigrationRegistryName, readMigrationRules } from './config';

const config = (migration: object) =>
  new ConfigReader({ harbor: { migration } });

describe('readMigrationRules', () => {
  it("reads the rules, the catch-all '' prefix included", () => {
    expect(
      readMigrationRules(
        config({
          rules: [
            { prefix: 'team-a/', project: 'team-a', keepPath: true },
            { prefix: '', project: 'legacy' },
          ],
        }),
      ),
    ).toEqual([
      { prefix: 'team-a/', project: 'team-a', keepPath: true },
      { prefix: '', project: 'legacy', keepPath: false },
    ]);
  });

  it('is undefined without rules', () => {
    expect(readMigrationRules(config({}))).toBeUndefined();
  });

  it('fails on a shadowed rule, naming the key', () => {
    expect(() =>
      readMigrationRules(
        config({
          rules: [
            { prefix: '', project: 'legacy' },
            { prefix: 'team-a/', project: 'team-a' },
          ],
        }),
      ),
    ).toThrow(/^harbor\.migration\.rules: .*rules\[1\]\.prefix/);
  });

  it('fails on a missing prefix, naming it', () => {
    expect(() =>
      readMigrationRules(config({ rules: [{ project: 'legacy' }] })),
    ).toThrow('harbor.migration.rules[0].prefix must be a string');
  });
});

describe('readMigrationRegistryName', () => {
  it("defaults to 'old-registry'", () => {
    expect(readMigrationRegistryName(config({}))).toBe('old-registry');
    expect(readMigrationRegistryName(config({ registryName: 'dr' }))).toBe(
      'dr',
    );
  });
});
