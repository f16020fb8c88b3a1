/*
 * Scenario (c): a backend configured with a wrong password. Harbor answers such credentials as anonymous, with
 * 200 and public data only (harbor#12730): no answer may be marked complete, and the health routes say why.
 */
import { round } from '../lib/stats';
import { Answer, BackendClient, countBy, usersFor } from './answers';
import { ENTITY_PATH } from './setup';

const ROUTES = [
  `${ENTITY_PATH}/images`,
  `${ENTITY_PATH}/vulnerability-summary`,
  `${ENTITY_PATH}/health`,
];

export async function wrongCredentialsScenario(options: {
  client: BackendClient;
  users: number;
  loadMs: number;
  cvePath: string;
}) {
  const { client, users, loadMs } = options;
  let next = 0;
  const answers = await usersFor(users, loadMs, () =>
    client.get(ROUTES[next++ % ROUTES.length]),
  );
  const cve = await client.get(options.cvePath);
  const all: Answer[] = [...answers, cve];
  const health = await client.get('/instances/health', { keepBody: true });
  const entityHealth = await client.get(`${ENTITY_PATH}/health`, {
    keepBody: true,
  });
  return {
    answers: all.length,
    markedComplete: all.filter(a => a.complete).length,
    completeAnswers: all
      .filter(a => a.complete)
      .slice(0, 5)
      .map(a => ({
        path: a.path,
        afterMs: round(a.startedAt - all[0].startedAt, 0),
        body: a.body?.slice(0, 400),
      })),
    byStatus: countBy(all, a => String(a.status)),
    byErrorName: countBy(all, a => a.errorName ?? 'none'),
    byStates: countBy(all, a => a.states.join(',') || 'none'),
    leakingThePassword: all.filter(a => a.containsWatched).length,
    maxMs: round(Math.max(...all.map(a => a.ms)), 1),
    cveRoute: { status: cve.status, errorName: cve.errorName },
    instancesHealth: {
      status: health.status,
      body: health.body?.slice(0, 600),
    },
    entityHealth: {
      status: entityHealth.status,
      body: entityHealth.body?.slice(0, 600),
    },
  };
}
