import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DockerRegistryClient } from '../registry';

/** @public */
export const SOURCE_REGISTRY_CONFIG_KEY = 'harbor.migration.sourceRegistry';

/** `harbor.migration.sourceRegistry`: the old registry, read by Backstage and registered in Harbor. @public */
export interface SourceRegistryConfig {
  /** How Backstage reaches it. */
  url: string;
  /** How Harbor reaches it; `url` by default. */
  harborUrl: string;
  username?: string;
  password?: string;
  /** Harbor skips TLS verification of the registry. */
  insecure: boolean;
  requestTimeoutMs?: number;
  maxConcurrency?: number;
}

function checkUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `${key} must be an http or https URL, e.g. https://registry.old.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${key} must be an http or https URL`);
  }
  if (url.username || url.password) {
    throw new InputError(
      `${key} must not contain credentials; set ${SOURCE_REGISTRY_CONFIG_KEY}.username and .password`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** What to tell whoever needs the old registry when none is configured. @public */
export const NO_SOURCE_REGISTRY_MESSAGE = `No old registry is configured: set ${SOURCE_REGISTRY_CONFIG_KEY}.url (and .username, .password) in the app-config of the backend`;

/** Reads the old registry's settings; a missing block is an error naming the config key to set. @public */
export function readSourceRegistry(config: Config): SourceRegistryConfig {
  const source = readOptionalSourceRegistry(config);
  if (!source) throw new InputError(NO_SOURCE_REGISTRY_MESSAGE);
  return source;
}

/** The old registry's settings, or `undefined` when none is configured. @public */
export function readOptionalSourceRegistry(
  config: Config,
): SourceRegistryConfig | undefined {
  const block = config.getOptionalConfig(SOURCE_REGISTRY_CONFIG_KEY);
  if (!block) return undefined;
  const url = checkUrl(
    `${SOURCE_REGISTRY_CONFIG_KEY}.url`,
    block.getString('url'),
  );
  const harborUrl = block.getOptionalString('harborUrl');
  const username = block.getOptionalString('username');
  const password = block.getOptionalString('password');
  if ((username === undefined) !== (password === undefined)) {
    throw new InputError(
      `${SOURCE_REGISTRY_CONFIG_KEY}: set both username and password, or neither for anonymous access`,
    );
  }
  return {
    url,
    harborUrl: harborUrl
      ? checkUrl(`${SOURCE_REGISTRY_CONFIG_KEY}.harborUrl`, harborUrl)
      : url,
    username,
    password,
    insecure: block.getOptionalBoolean('insecure') ?? false,
    requestTimeoutMs: block.getOptionalNumber('requestTimeoutMs'),
    maxConcurrency: block.getOptionalNumber('maxConcurrency'),
  };
}

/** A Registry v2 client of the old registry; its errors name the host, never a credential. @public */
export function sourceRegistryClient(
  source: SourceRegistryConfig,
  signal?: AbortSignal,
): DockerRegistryClient {
  return DockerRegistryClient.create({
    url: source.url,
    username: source.username,
    password: source.password,
    requestTimeoutMs: source.requestTimeoutMs,
    maxConcurrency: source.maxConcurrency,
  }).withSignal(signal);
}
