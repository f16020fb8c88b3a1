import type { HarborCore } from '../core';
import type {
  HarborConfigurations,
  HarborGCHistory,
  HarborGeneralInfo,
  HarborOverallHealthStatus,
  HarborScannerRegistration,
} from '../types';
import { LATEST } from './params';

/**
 * The instance as a whole: health, version, garbage collection, scanners and configuration.
 * @public
 */
export class HarborSystemApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** `GET /health`. Harbor answers 200 even when unhealthy: read `status` and `components` (harbor#16406). */
  async health(): Promise<HarborOverallHealthStatus> {
    return this.#core.data('getHealth', (api, init) =>
      api.GET('/health', init),
    );
  }

  /** `GET /systeminfo`. Anonymous callers get fewer fields (no `harbor_version`). */
  async info(): Promise<HarborGeneralInfo> {
    return this.#core.data('getSystemInfo', (api, init) =>
      api.GET('/systeminfo', init),
    );
  }

  /**
   * The newest garbage collection run, in one request of one item; `undefined` if GC never ran. No `sort` is
   * sent: Harbor lists GC runs as executions, newest first by default (`start_time`, shown as `creation_time`),
   * and sorts them only by execution columns, so `sort=-creation_time` would be ignored (handler/gc.go).
   */
  async latestGcRun(): Promise<HarborGCHistory | undefined> {
    const [latest] = await this.#core.all(
      'getGCHistory',
      (api, init, page) =>
        api.GET('/system/gc', { ...init, params: { query: page } }),
      LATEST,
    );
    return latest;
  }

  /** `GET /scanners`: the registered scanners, every page. */
  async scanners(): Promise<HarborScannerRegistration[]> {
    return this.#core.all('listScanners', (api, init, page) =>
      api.GET('/scanners', { ...init, params: { query: page } }),
    );
  }

  /** `GET /configurations`: sysadmins (or system robots allowed `configuration:read`) only. */
  async configurations(): Promise<HarborConfigurations> {
    return (
      (await this.#core.data('getConfigurations', (api, init) =>
        api.GET('/configurations', init),
      )) ?? {}
    );
  }
}
