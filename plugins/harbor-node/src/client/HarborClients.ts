import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { HarborInstances } from '../config';
import { HarborClient } from './HarborClient';
import { HarborRetryOptions } from './retry';
import { HarborFetch } from './transport';

/**
 * One {@link HarborClient} per configured instance, resolved by instance name or registry host.
 * @public
 */
export class HarborClients {
  static fromConfig(
    config: Config,
    options: {
      logger?: LoggerService;
      fetch?: HarborFetch;
      retry?: HarborRetryOptions;
    } = {},
  ): HarborClients {
    return new HarborClients(HarborInstances.fromConfig(config), options);
  }

  readonly #clients = new Map<string, HarborClient>();

  constructor(
    readonly instances: HarborInstances,
    private readonly options: {
      logger?: LoggerService;
      fetch?: HarborFetch;
      retry?: HarborRetryOptions;
    } = {},
  ) {}

  /**
   * The client of the instance with this name or registry host; of the default instance when absent.
   * Throws a `NotFoundError` naming the known instances for an unknown one.
   */
  forInstance(nameOrHost?: string): HarborClient {
    const instance = this.instances.get(nameOrHost);
    let client = this.#clients.get(instance.name);
    if (!client) {
      client = HarborClient.create({
        instance,
        logger: this.options.logger?.child({ harborInstance: instance.name }),
        fetch: this.options.fetch,
        retry: this.options.retry,
      });
      this.#clients.set(instance.name, client);
    }
    return client;
  }
}
