import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { testInstance } from '../__testUtils__/localServer';
import { HarborClient } from '../client/HarborClient';
import {
  HARBOR_PROJECT_OWNER_LABEL,
  HarborProjectOwnerLabelError,
  normalizeOwnerRef,
  readProjectOwner,
  recordProjectOwner,
} from './projectOwner';

type Simulator = Awaited<ReturnType<typeof startHarborSimulator>>;

describe('the ownership record of a Harbor project', () => {
  let sim: Simulator;
  let client: HarborClient;

  beforeEach(async () => {
    sim = await startHarborSimulator({ port: 0, validation: 'throw' });
    client = HarborClient.create({
      instance: testInstance(sim.url, {
        username: sim.adminCredentials.username,
        password: sim.adminCredentials.password,
      }),
    });
  });
  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  const ownerLabels = (project: string) => {
    const id = sim.state.projectByName(project)!.project_id;
    return sim.state.labels.filter(
      l => l.project_id === id && l.name === HARBOR_PROJECT_OWNER_LABEL,
    );
  };

  it('reads no owner for a project created outside the portal', async () => {
    await expect(readProjectOwner(client, 'team-a')).resolves.toBeUndefined();
  });

  it('records the owner as a project label Harbor shows, and reads it back', async () => {
    await expect(
      recordProjectOwner(client, 'team-a', 'group:default/team-a'),
    ).resolves.toBe('created');
    expect(ownerLabels('team-a')).toEqual([
      expect.objectContaining({
        scope: 'p',
        description: 'group:default/team-a',
      }),
    ]);
    await expect(readProjectOwner(client, 'team-a')).resolves.toBe(
      'group:default/team-a',
    );
  });

  it('is idempotent: recording the same owner again writes nothing', async () => {
    await recordProjectOwner(client, 'team-a', 'group:default/team-a');
    sim.clearLog();
    await expect(
      recordProjectOwner(client, 'team-a', 'Group:default/Team-A'),
    ).resolves.toBe('unchanged');
    expect(sim.log.writes()).toEqual([]);
    expect(ownerLabels('team-a')).toHaveLength(1);
  });

  it('changes the owner in the one label there is, keeping its color', async () => {
    await recordProjectOwner(client, 'team-a', 'group:default/team-a');
    ownerLabels('team-a')[0].color = '#0095D3';
    await expect(
      recordProjectOwner(client, 'team-a', 'user:default/alice'),
    ).resolves.toBe('updated');
    expect(ownerLabels('team-a')).toEqual([
      expect.objectContaining({
        description: 'user:default/alice',
        color: '#0095D3',
      }),
    ]);
  });

  it('updates the label a concurrent writer created instead of making a second one', async () => {
    const id = sim.state.projectByName('team-a')!.project_id;
    const list = client.labels.listOfProject.bind(client.labels);
    let first = true;
    jest
      .spyOn(client.labels, 'listOfProject')
      .mockImplementation(async (...args) => {
        if (first) {
          first = false;
          // Another task records its owner between our read and our create.
          await client.labels.create({
            name: HARBOR_PROJECT_OWNER_LABEL,
            description: 'group:default/team-b',
            scope: 'p',
            project_id: id,
          });
          return [];
        }
        return list(...args);
      });
    await expect(
      recordProjectOwner(client, 'team-a', 'group:default/team-a'),
    ).resolves.toBe('updated');
    expect(ownerLabels('team-a')).toEqual([
      expect.objectContaining({ description: 'group:default/team-a' }),
    ]);
  });

  it('matches the label name exactly, though Harbor matches it fuzzily', async () => {
    const id = sim.state.projectByName('team-a')!.project_id;
    await client.labels.create({
      name: `${HARBOR_PROJECT_OWNER_LABEL}-previous`,
      description: 'group:default/team-b',
      scope: 'p',
      project_id: id,
    });
    await expect(readProjectOwner(client, id)).resolves.toBeUndefined();
  });

  it('takes the project as read already, without reading it again', async () => {
    await recordProjectOwner(client, 'team-a', 'group:default/team-a');
    const project = await client.projects.get('team-a');
    sim.clearLog();
    await expect(readProjectOwner(client, project)).resolves.toBe(
      'group:default/team-a',
    );
    expect(sim.log.entries.map(e => e.operationId)).toEqual(['ListLabels']);
  });

  it('refuses an owner that is no Group or User ref, before any call', async () => {
    sim.clearLog();
    for (const ref of ['component:default/web', 'team-a', '']) {
      await expect(recordProjectOwner(client, 'team-a', ref)).rejects.toThrow(
        InputError,
      );
    }
    expect(sim.log.count()).toBe(0);
  });

  it('says how to correct a label that names no owner', async () => {
    const id = sim.state.projectByName('team-a')!.project_id;
    await client.labels.create({
      name: HARBOR_PROJECT_OWNER_LABEL,
      description: 'the payments people',
      scope: 'p',
      project_id: id,
    });
    const error = await readProjectOwner(client, 'team-a').catch(e => e);
    expect(error).toBeInstanceOf(HarborProjectOwnerLabelError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      "The backstage.io/owner label of Harbor project 'team-a' holds 'the payments people', which is not a Group or User entity ref; correct it in Harbor (the project's Labels tab) to the owner's ref, e.g. group:default/team-a",
    );
  });

  it('answers NotFoundError for a project that does not exist', async () => {
    await expect(readProjectOwner(client, 'no-such-project')).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe('normalizeOwnerRef', () => {
  it.each([
    ['group:default/team-a', 'group:default/team-a'],
    ['Group:Default/Team-A', 'group:default/team-a'],
    ['user:alice', 'user:default/alice'],
    [' group:platform/sre ', 'group:platform/sre'],
  ])('reads %j as %j', (ref, normalized) =>
    expect(normalizeOwnerRef(ref)).toBe(normalized),
  );

  it.each(['team-a', 'component:default/web', '', 'group:'])(
    'refuses %j',
    ref => expect(normalizeOwnerRef(ref)).toBeUndefined(),
  );
});
