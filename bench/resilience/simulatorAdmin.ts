/*
 * The Harbor simulator's admin API (`/_simulator/faults`, `/_simulator/calls`), for a simulator in another process.
 */
import type {
  HarborCallCounts,
  HarborFault,
} from '@backstage-harbor/harbor-simulator';

export interface SimulatorAdmin {
  /** Injects `fault`; resolves to its id. */
  inject(fault: HarborFault): Promise<number>;
  clearFaults(): Promise<void>;
  /** The API calls the simulator received at or after `since` and before `until` (epoch ms), or all. */
  calls(since?: number, until?: number): Promise<HarborCallCounts>;
}

export function simulatorAdmin(sim: {
  url: string;
  adminCredentials: { username: string; password: string };
}): SimulatorAdmin {
  const { username, password } = sim.adminCredentials;
  const authorization = `Basic ${Buffer.from(
    `${username}:${password}`,
  ).toString('base64')}`;
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${sim.url}/_simulator/${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${method} /_simulator/${path}: ${res.status} ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }
  return {
    inject: async fault => (await call('POST', 'faults', fault)).id,
    clearFaults: () => call('DELETE', 'faults'),
    calls: (since, until) => {
      const query = new URLSearchParams();
      if (since !== undefined) query.set('since', String(since));
      if (until !== undefined) query.set('until', String(until));
      return call('GET', `calls?${query}`);
    },
  };
}
