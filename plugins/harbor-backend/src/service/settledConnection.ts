import type { HarborInstanceConnection } from '@backstage-harbor/plugin-harbor-common';
import {
  HarborInstanceError,
  credentialsRejectedMessage,
} from './harborErrors';
import {
  DEFAULT_HARBOR_REQUEST_TIMEOUT_MS,
  type HarborClients,
  harborDeadlineRemainingMs,
} from '@backstage-harbor/plugin-harbor-node';

/**
 * The instance's connection once its credentials have been checked: a request that comes while the first check is
 * still running (just after start-up) waits for it, within what is left of the request's deadline. Otherwise an
 * instance whose credentials Harbor rejects would briefly be reported unreachable, or served from a cache another
 * replica filled, instead of "credentials rejected".
 */
export async function settledConnection(
  clients: HarborClients,
  instance: string,
): Promise<HarborInstanceConnection> {
  const connection = clients.connection(instance);
  if (connection.state !== 'unknown') return connection;
  const leftMs =
    harborDeadlineRemainingMs() ?? DEFAULT_HARBOR_REQUEST_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>(resolve => {
    timer = setTimeout(resolve, leftMs);
  });
  try {
    // checkCredentials joins the check that is running (or runs one) and never rejects.
    await Promise.race([clients.checkCredentials(instance), deadline]);
  } finally {
    clearTimeout(timer);
  }
  return clients.connection(instance);
}

/**
 * Throws the named 503 while the instance rejects the configured credentials (waiting for its first check, as
 * {@link settledConnection} does): called before any cache read, so that nothing of the instance is served, not even
 * a copy another replica cached before the credentials were rotated, as if all were well.
 */
export async function assertCredentialsAccepted(
  clients: HarborClients,
  instance: string,
): Promise<void> {
  const { state, message } = await settledConnection(clients, instance);
  if (state !== 'credentials-rejected') return;
  throw new HarborInstanceError(
    'HarborCredentialsRejectedError',
    message?.includes(credentialsRejectedMessage(instance))
      ? message
      : `${credentialsRejectedMessage(instance)}${
          message ? `: ${message}` : ''
        }`,
    instance,
  );
}
