import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { readDurationMs } from './duration';

/** Default timeout of one request to Harbor. @public */
export const DEFAULT_HARBOR_REQUEST_TIMEOUT_MS = 10_000;
/** Default cap on requests in flight to one Harbor instance. @public */
export const DEFAULT_HARBOR_MAX_CONCURRENCY = 8;

/**
 * One configured Harbor instance.
 * @public
 */
export interface HarborInstanceConfig {
  /** The name annotations and scaffolder inputs use; `default` for the single-instance form. */
  name: string;
  /** The instance address without a trailing slash and without `/api/v2.0`. */
  baseUrl: string;
  /** The address of the web UI, for links; the base URL unless configured. */
  uiUrl: string;
  /** Lower-case registry hosts (`host` or `host:port`) that name this instance, the base URL's host first. */
  hosts: string[];
  /** User or robot account name; absent for anonymous access. */
  username?: string;
  /** Password or robot secret; present exactly when `username` is. */
  password?: string;
  /** Timeout of one request, in milliseconds. */
  requestTimeoutMs: number;
  /** The most requests in flight to this instance at a time. */
  maxConcurrency: number;
}

/**
 * Reads `harbor` from the app config: either the single instance written directly under `harbor`
 * (`baseUrl`, `username`, `password`, as the existing Harbor plugins read it) or `harbor.instances`, the first
 * being the default. Throws an `InputError` naming the key of any invalid value; never echoes a credential.
 * @public
 */
export function readHarborInstances(config: Config): HarborInstanceConfig[] {
  const harbor = config.getOptionalConfig('harbor');
  if (!harbor) {
    throw new InputError(
      'Missing harbor configuration: set harbor.baseUrl (or harbor.instances) in app-config.yaml',
    );
  }
  const requestTimeoutMs = readDurationMs(config, 'harbor.requestTimeout', {
    milliseconds: DEFAULT_HARBOR_REQUEST_TIMEOUT_MS,
  });
  const maxConcurrency = readMaxConcurrency(harbor);
  const shared = { requestTimeoutMs, maxConcurrency };

  const instanceConfigs = harbor.getOptionalConfigArray('instances');
  let instances: HarborInstanceConfig[];
  if (instanceConfigs) {
    if (harbor.has('baseUrl')) {
      throw new InputError(
        'harbor.baseUrl and harbor.instances are both set: configure either one instance or a list',
      );
    }
    if (instanceConfigs.length === 0) {
      throw new InputError(
        'harbor.instances is empty: configure at least one instance',
      );
    }
    instances = instanceConfigs.map((c, i) =>
      readInstance(c, `harbor.instances[${i}]`, undefined, shared),
    );
  } else {
    instances = [readInstance(harbor, 'harbor', 'default', shared)];
  }

  const seen = new Set<string>();
  instances.forEach((instance, i) => {
    if (seen.has(instance.name)) {
      throw new InputError(
        `harbor.instances[${i}].name '${instance.name}' is used by another instance; instance names must be unique`,
      );
    }
    seen.add(instance.name);
  });
  return instances;
}

function readInstance(
  c: Config,
  key: string,
  defaultName: string | undefined,
  shared: { requestTimeoutMs: number; maxConcurrency: number },
): HarborInstanceConfig {
  const name = defaultName ?? c.getString('name').trim();
  if (!name) {
    throw new InputError(`${key}.name must not be empty`);
  }
  const baseUrlRaw = c.getOptionalString('baseUrl');
  if (!baseUrlRaw) {
    throw new InputError(
      `Missing ${key}.baseUrl: set it to the address of Harbor, e.g. https://harbor.example.com`,
    );
  }
  const baseUrl = normalizeBaseUrl(baseUrlRaw, `${key}.baseUrl`);
  const uiUrlRaw = c.getOptionalString('uiUrl');
  const uiUrl = uiUrlRaw ? normalizeHttpUrl(uiUrlRaw, `${key}.uiUrl`) : baseUrl;

  const username = c.getOptionalString('username') || undefined;
  const password = c.getOptionalString('password') || undefined;
  if (username && !password) {
    throw new InputError(
      `${key}.username is set but ${key}.password is missing: set both (a user or robot account), or neither for anonymous access`,
    );
  }
  if (password && !username) {
    throw new InputError(
      `${key}.password is set but ${key}.username is missing: set both, or neither for anonymous access`,
    );
  }

  const hosts = [new URL(baseUrl).host.toLowerCase()];
  for (const host of readHosts(c, `${key}.host`)) {
    if (!hosts.includes(host)) hosts.push(host);
  }

  const instance: HarborInstanceConfig = {
    name,
    baseUrl,
    uiUrl,
    hosts,
    ...shared,
  };
  // Non-enumerable, so that logging or serialising an instance (JSON.stringify, util.inspect) never shows them.
  Object.defineProperty(instance, 'username', {
    value: username,
    enumerable: false,
  });
  Object.defineProperty(instance, 'password', {
    value: password,
    enumerable: false,
  });
  return instance;
}

function readHosts(c: Config, key: string): string[] {
  const raw = c.getOptional('host');
  if (raw === undefined) return [];
  const values = typeof raw === 'string' ? [raw] : c.getStringArray('host');
  return values.map(value => {
    const host = value.trim().toLowerCase();
    if (!host || /[/\s@]/.test(host)) {
      throw new InputError(
        `${key} '${value}' is not a registry host: write host or host:port, without scheme or path`,
      );
    }
    return host;
  });
}

function normalizeHttpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // Don't echo a value that may hold userinfo.
    const shown = value.includes('@') ? '' : ` '${value}'`;
    throw new InputError(
      `${key}${shown} is not a URL: write it as https://harbor.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${key} must be an http or https URL, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in logs and error messages; never echo the value here.
    throw new InputError(
      `${key} must not contain credentials: move them to the username and password keys`,
    );
  }
  if (url.search || url.hash) {
    throw new InputError(`${key} must not have a query or fragment`);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Strips a trailing slash and a trailing `/api/v2.0`, so that both `https://h` and `https://h/api/v2.0/` work.
 * @public
 */
export function normalizeBaseUrl(
  value: string,
  key = 'harbor.baseUrl',
): string {
  const url = normalizeHttpUrl(value, key);
  return url.replace(/\/api\/v2\.0$/i, '').replace(/\/+$/, '');
}

function readMaxConcurrency(harbor: Config): number {
  const value = harbor.getOptionalNumber('maxConcurrency');
  if (value === undefined) return DEFAULT_HARBOR_MAX_CONCURRENCY;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `harbor.maxConcurrency must be a whole number of at least 1, not ${value}`,
    );
  }
  return value;
}

/**
 * The configured Harbor instances, resolvable by name or by registry host.
 * @public
 */
export class HarborInstances {
  static fromConfig(config: Config): HarborInstances {
    return new HarborInstances(readHarborInstances(config));
  }

  readonly #instances: HarborInstanceConfig[];

  constructor(instances: HarborInstanceConfig[]) {
    if (instances.length === 0) {
      throw new InputError('No Harbor instance is configured');
    }
    this.#instances = instances;
  }

  /** The first configured instance. */
  get default(): HarborInstanceConfig {
    return this.#instances[0];
  }

  list(): HarborInstanceConfig[] {
    return [...this.#instances];
  }

  /** Like {@link HarborInstances.get}, but `undefined` instead of an error for an unknown name or host. */
  find(nameOrHost?: string): HarborInstanceConfig | undefined {
    const wanted = nameOrHost?.trim();
    if (!wanted) return this.default;
    const byName = this.#instances.find(i => i.name === wanted);
    if (byName) return byName;
    const host = wanted.toLowerCase();
    return this.#instances.find(i => i.hosts.includes(host));
  }

  /**
   * The instance with this name, or whose registry host (base URL host or a configured `host` alias) it is;
   * the default instance when absent. Throws a `NotFoundError` listing the known instances otherwise.
   */
  get(nameOrHost?: string): HarborInstanceConfig {
    const found = this.find(nameOrHost);
    if (!found) {
      const known = this.#instances
        .map(i => `'${i.name}' (${i.hosts.join(', ')})`)
        .join(', ');
      throw new NotFoundError(
        `No Harbor instance is configured with the name or registry host '${nameOrHost}'; known instances: ${known}`,
      );
    }
    return found;
  }
}
