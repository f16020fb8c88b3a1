import {
  MigrationRig,
  RULES,
  startMigrationRig,
} from '../migration/__testUtils__/migration';

const ID = 'harbor:migration:verify';

describe('harbor:migration:verify against a real docker-registry and the Harbor simulator', () => {
  let rig: MigrationRig;
  beforeAll(async () => {
    rig = await startMigrationRig();
  }, 60_000);
  afterAll(() => rig?.stop());
  beforeEach(() => rig.sim.clearLog());

  it('reports matching, missing and mismatched tags per repository without writing', async () => {
    // Harbor's side as real replications left it: all of team-a/api, and team-a/web's v1 only (a tag filter).
    await rig.replicate({
      name: 'team-a-api',
      project: 'team-a',
      replaceCount: 1,
      filters: [{ type: 'name', value: 'team-a/api' }],
    });
    await rig.replicate({
      name: 'team-a-web-v1',
      project: 'team-a',
      replaceCount: 1,
      filters: [
        { type: 'name', value: 'team-a/web' },
        { type: 'tag', value: 'v1' },
      ],
    });
    // A tag pushed to Harbor directly, over the migrated one.
    rig.sim.push({
      project: 'legacy',
      repository: 'legacy-app',
      tags: ['old'],
      digest: `sha256:${'0'.repeat(64)}`,
    });
    rig.sim.clearLog();
    const { outputs, error } = await rig.run(ID, { rules: RULES });
    expect(error).toBeUndefined();
    expect(rig.sim.writes()).toEqual([]);
    expect(outputs).toMatchObject({
      complete: false,
      matchingTags: 5,
      missingTags: 3,
      mismatchedTags: 1,
    });
    // In the order of the old registry's catalog.
    expect(outputs.verification).toEqual([
      {
        source: 'legacy-app',
        target: 'legacy/legacy-app',
        tags: 2,
        matching: 0,
        missing: ['older'],
        mismatched: ['old'],
      },
      {
        source: 'team-a/api',
        target: 'team-a/api',
        tags: 4,
        matching: 4,
        missing: [],
        mismatched: [],
      },
      {
        source: 'team-a/web',
        target: 'team-a/web',
        tags: 2,
        matching: 1,
        missing: ['v2'],
        mismatched: [],
      },
      {
        source: 'team-b/tools/cli',
        target: 'team-b/tools/cli',
        tags: 1,
        matching: 0,
        missing: ['0.9'],
        mismatched: [],
      },
    ]);
  });
});
