import { ServiceUnavailableError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/**
 * The `message` of the Kubernetes `Status` body of a failed request, else `HTTP <code>`: never the request, its
 * headers (the bearer token) or anything else of the response.
 * @public
 */
export function kubernetesStatusMessage(error: ApiException<unknown>): string {
  const body = error.body;
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    if (status && typeof status.message === 'string') return status.message;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${error.code}`;
}

/**
 * Why a request to the API server failed, in words safe to show: `HTTP <code>: <Status message>` for an answer,
 * the timeout or the connection error code for none. The client's own error message is never passed on: it
 * carries the response headers.
 * @public
 */
export function kubernetesErrorMessage(error: unknown): string {
  if (error instanceof ApiException) {
    return `HTTP ${error.code}: ${kubernetesStatusMessage(error)}`;
  }
  const e = error as { name?: string; code?: string; cause?: any };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') {
    return 'the request timed out';
  }
  if (e?.name === 'AbortError') return 'the request was aborted (timeout)';
  const code = e?.cause?.code ?? e?.code;
  if (typeof code === 'string') return `connection failed (${code})`;
  return 'the API server could not be reached';
}

/**
 * Any failure of a cluster read is the cluster's, not the caller's: a 503 naming the cluster and what was read. A
 * 401 or 403 of the API server concerns the configured service account, so it must not reach the caller as their
 * own.
 * @public
 */
export function clusterUnavailable(
  cluster: string,
  what: string,
  options: { namespace?: string; labelSelector?: string },
  error: unknown,
): ServiceUnavailableError {
  const where = options.namespace
    ? `in namespace ${options.namespace}`
    : 'in all namespaces';
  const denied =
    error instanceof ApiException && (error.code === 401 || error.code === 403);
  const hint = denied
    ? '; check that the service account of harbor.cluster may get and list it'
    : '';
  return new ServiceUnavailableError(
    `Kubernetes cluster ${cluster}: could not ${what} ${where}: ${kubernetesErrorMessage(
      error,
    )}${hint}`,
  );
}
