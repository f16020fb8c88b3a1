import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  HarborConnectionState,
  HarborInstanceConnection,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import type { InstanceReachability } from './InstanceReachability';
import { settledConnection } from './settledConnection';

/**
 * Each Harbor instance's connection as this replica's circuit breaker and credential check see it, with when the
 * instance last answered any replica (shared cache). Logs one line per state change of an instance, never one
 * per request: a warning when it becomes unavailable or rejects the credentials, info when it is back.
 */
export class InstanceConnections {
  static create(options: {
    clients: HarborClients;
    reachability: InstanceReachability;
    logger: LoggerService;
  }): InstanceConnections {
    return new InstanceConnections(
      options.clients,
      options.reachability,
      options.logger,
    );
  }

  #stop: Array<() => void> = [];

  constructor(
    private readonly clients: HarborClients,
    private readonly reachability: InstanceReachability,
    private readonly logger: LoggerService,
  ) {}

  /** Follows the instances' state changes and successes, and starts the credential checks (not awaited). */
  start(): void {
    this.#stop.push(
      this.clients.onConnectionChange((connection, previous) =>
        this.#log(connection, previous),
      ),
      this.clients.onReachable(instance => this.reachability.reached(instance)),
    );
    const checks = this.clients.startCredentialChecks();
    this.#stop.push(() => checks.stop());
  }

  stop(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }

  /**
   * One instance's connection, with the shared "last reachable". `settled`: first wait for the instance's first
   * credential check if it is still running (within the request's deadline), for routes that show the instance's
   * data; monitoring reads the state as it is.
   */
  async connection(
    instance: string,
    options: { settled?: boolean } = {},
  ): Promise<HarborInstanceConnection> {
    const mine = options.settled
      ? await settledConnection(this.clients, instance)
      : this.clients.connection(instance);
    const shared = await this.reachability.lastReachableAt(instance);
    // The shared record first, so that every replica says the same.
    const lastReachableAt = shared ?? mine.lastReachableAt;
    return lastReachableAt ? { ...mine, lastReachableAt } : mine;
  }

  /** Every configured instance's connection. */
  async all(): Promise<HarborInstanceConnection[]> {
    return Promise.all(
      this.clients.connections().map(c => this.connection(c.instance)),
    );
  }

  /**
   * A warning when the instance goes bad or comes back; debug for the breaker's probes in between (recovering,
   * then open again after a failed probe), which a long outage repeats every cool-down.
   */
  #log(connection: HarborInstanceConnection, previous: HarborConnectionState) {
    const what = `Harbor instance '${connection.instance}' is now ${
      connection.state
    } (was ${previous})${connection.message ? `: ${connection.message}` : ''}`;
    const fields = { harborInstance: connection.instance };
    const bad = (state: HarborConnectionState) =>
      state === 'unavailable' || state === 'credentials-rejected';
    const warn =
      connection.state === 'credentials-rejected' ||
      (connection.state === 'unavailable' && previous !== 'recovering') ||
      (connection.state === 'available' &&
        (bad(previous) || previous === 'recovering'));
    if (warn) this.logger.warn(what, fields);
    else this.logger.debug(what, fields);
  }
}
