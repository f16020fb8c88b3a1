import type { HarborClient } from '../client/HarborClient';

/*
 * Harbor calls that the tests need but the library's own code does not, sent through the client's typed
 * `request` so that they go through the same core (auth, timeout, cap, retries, error mapping).
 */

/** `GET /ping`: `Pong`. */
export async function ping(client: HarborClient): Promise<string> {
  const { data } = await client.request('getPing', (api, init) =>
    api.GET('/ping', { ...init, parseAs: 'text' }),
  );
  return data;
}

/** `GET /users/current`: 200 for a user, 412 for a robot, 401 for anonymous callers. */
export async function currentUser(client: HarborClient) {
  const { data } = await client.request('getCurrentUserInfo', (api, init) =>
    api.GET('/users/current', init),
  );
  return data;
}

/** The first page of `GET /projects` (up to 100 projects, enough for the simulator's demo data). */
export async function listProjects(client: HarborClient) {
  const { data } = await client.request('listProjects', (api, init) =>
    api.GET('/projects', {
      ...init,
      params: { query: { page: 1, page_size: 100 } },
    }),
  );
  return data;
}
