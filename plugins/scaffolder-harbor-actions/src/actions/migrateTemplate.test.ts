import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { startScaffolder } from '../__testUtils__/scaffolder';
import {
  MigrationRig,
  REGISTRY_PASSWORD,
  startMigrationRig,
} from '../migration/__testUtils__/migration';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../templates/harbor-migration/template.yaml',
);

describe('templates/harbor-migration in the real scaffolder', () => {
  let rig: MigrationRig;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const dryRun = (values: Record<string, unknown>) => {
    const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));
    template.metadata.namespace = 'default';
    return scaffolder.http
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', scaffolder.auth)
      .send({ template, values, secrets: {}, directoryContents: [] });
  };
  const rules = [
    { prefix: 'team-a/', project: 'team-a' },
    { prefix: 'team-b/', project: 'team-b' },
    { prefix: '', project: 'newcomers' },
  ];

  const CONFIGURED_RULES = [
    { prefix: 'team-a/', project: 'team-a' },
    { prefix: '', project: 'legacy' },
  ];

  beforeAll(async () => {
    rig = await startMigrationRig();
    // The platform team's rules, which the template uses when the form gives none.
    const harbor = rig.config.harbor as any;
    scaffolder = await startScaffolder(scaffolderPlugin, {
      harbor: {
        ...harbor,
        migration: { ...harbor.migration, rules: CONFIGURED_RULES },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await scaffolder?.backend.stop();
    await rig?.stop();
  });
  beforeEach(() => rig.sim.clearLog());

  it('plans only: inventory and comparison, no write', async () => {
    const res = await dryRun({ rules, mode: 'plan' });
    expect(res.status).toBe(200);
    expect(rig.sim.writes()).toEqual([]);
    const text = res.body.output.text.map((t: any) => t.content).join('\n');
    expect(text).toContain('has 4\nrepositories with 9 tags; 4');
    expect(text).toContain('Projects Harbor does not have yet: newcomers.');
    expect(text).toContain(
      'Tags already in Harbor with the same digest: 0, missing: 9, other digest: 0.',
    );
  });

  it('dry-runs the migration: the missing project, the endpoint, the policies and executions, no write', async () => {
    const res = await dryRun({
      rules,
      mode: 'migrate',
      owner: 'group:default/platform-team',
    });
    expect(res.status).toBe(200);
    expect(rig.sim.writes()).toEqual([]);
    const messages = res.body.log.map((l: any) => l.body.message).join('\n');
    expect(messages).toContain('[dry run] would create project newcomers');
    // The template's owner (the form's default: the platform team) is recorded on the projects it creates.
    expect(messages).toMatch(
      /\[dry run\] would create owner of project newcomers.*group:default\/platform-team/,
    );
    expect(messages).toContain(
      '[dry run] would create registry endpoint old-registry',
    );
    expect(messages).toContain(
      '[dry run] would create replication policy migrate-old-registry-to-newcomers',
    );
    expect(messages).not.toContain(REGISTRY_PASSWORD);
    expect(JSON.stringify(res.body)).not.toContain(REGISTRY_PASSWORD);
  });

  it.each([
    ['no rules', {}],
    ['an empty list of rules', { rules: [] }],
  ])(
    'maps by harbor.migration.rules when the form gives %s',
    async (_, values) => {
      const res = await dryRun({ ...values, mode: 'plan' });
      expect(res.status).toBe(200);
      const text = res.body.output.text.map((t: any) => t.content).join('\n');
      expect(text).toContain('has 4\nrepositories with 9 tags; 4');
      expect(text).toContain('Projects Harbor does not have yet: none.');
      const messages = res.body.log.map((l: any) => l.body.message).join('\n');
      // The configured catch-all takes team-b's repository to legacy, keeping its whole name.
      expect(messages).toContain('project team-a: 2 repositories, 6 tags');
      expect(messages).toContain('project legacy: 2 repositories, 3 tags');
      expect(messages).toContain('team-b/tools/cli → legacy/team-b/tools/cli');
    },
  );
});
