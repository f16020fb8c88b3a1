import { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import { serializeError } from '@backstage/errors';
import { inspect } from 'node:util';
import {
  clientsFor,
  harborConfig,
  runAction,
  startHarbor,
} from '../__testUtils__/harbor';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createEnsureProjectAction } from './ensureProject';

const WRONG_PASSWORD = 'Wr0ng-Admin-Secret-91';

/*
 * Harbor answers credentials that match no user as anonymous (harbor#12730): without a check, an action would read
 * public data as if all were well and fail only at its first write, or worse, report "in place" for what it cannot
 * see. The actions' clients (HarborClients) check the credentials before their first call to an instance.
 */
describe('scaffolder actions with credentials Harbor does not accept', () => {
  let sim: HarborSimulator;

  beforeAll(async () => {
    sim = await startHarbor('demo');
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.clearLog());
  afterEach(() => sim.assertNoViolations());

  function actions(password: string) {
    const clients = clientsFor(harborConfig(sim, { password }));
    const options = { clients, authorizer: testAuthorizer() };
    return { ensureProject: createEnsureProjectAction(options) };
  }

  it('fails before any write, naming the instance and never the secret', async () => {
    const { ensureProject } = actions(WRONG_PASSWORD);
    const { error, lines } = await runAction(ensureProject, {
      project: 'never-created',
    });
    expect(error?.name).toBe('HarborCredentialsRejectedError');
    expect(error?.message).toBe(
      "Harbor instance 'default' rejected the configured credentials: Harbor answers them as anonymous (a wrong username or password, or a disabled or expired robot account)",
    );
    expect(sim.writes()).toEqual([]);
    expect(sim.state.projectByName('never-created')).toBeUndefined();
    // Only the check itself reached Harbor.
    expect(sim.requestLog.map(e => e.operationId)).toEqual([
      'getCurrentUserInfo',
    ]);
    const shown = [
      inspect(error),
      JSON.stringify(serializeError(error!)),
      ...lines.map(l => `${l.message} ${inspect(l.meta)}`),
    ].join('\n');
    expect(shown).not.toContain(WRONG_PASSWORD);
  });

  it('fails every later action of the instance at once, without asking Harbor again', async () => {
    const { ensureProject } = actions(WRONG_PASSWORD);
    await runAction(ensureProject, { project: 'never-created' });
    sim.clearLog();
    const { error } = await runAction(ensureProject, { project: 'other' });
    expect(error?.name).toBe('HarborCredentialsRejectedError');
    expect(sim.requestLog).toEqual([]);
  });

  it('checks the credentials once and then writes when Harbor accepts them', async () => {
    const { ensureProject } = actions(sim.adminCredentials.password);
    const { error } = await runAction(ensureProject, { project: 'accepted' });
    expect(error).toBeUndefined();
    const operations = sim.requestLog.map(e => e.operationId);
    expect(operations.slice(0, 2)).toEqual([
      'getCurrentUserInfo',
      'listProjects',
    ]);
    expect(operations.filter(o => o === 'getCurrentUserInfo')).toHaveLength(1);
    expect(sim.writes().map(w => w.operationId)).toContain('createProject');
  });
});
