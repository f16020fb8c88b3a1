import { ServiceUnavailableError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/** The `message` of a Kubernetes `Status` body, without the request, headers or anything else of the response. */
function statusMessage(error: ApiException<unknown>): string {
  const body = error.body;
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    if (status && typeof status.message === 'string') return status.message;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${error.code}`;
}

/** Why a request never got an answer: the connection error code or the timeout, never the request itself. */
function transportMessage(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: any };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') {
    return 'the request timed out';
  }
  if (e?.name === 'AbortError') return 'the request was aborted (timeout)';
  const code = e?.cause?.code ?? (e as { code?: string })?.code;
  if (typeof code === 'string') return `connection failed (${code})`;
  return 'the API server could not be reached';
}

/**
 * Any failure of a read is the cluster's, not the caller's: a 503 naming the cluster and what was read. A 401 or
 * 403 of the API server concerns the configured service account, so it must not reach the caller as their own.
 * The message is built from the Status message or the connection error code only; the client's own error
 * message (which carries response headers) is never passed on.
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
  let detail: string;
  let hint = '';
  if (error instanceof ApiException) {
    detail = `HTTP ${error.code}: ${statusMessage(error)}`;
    if (error.code === 401 || error.code === 403) {
      hint =
        '; check that the service account of harbor.cluster may get and list it';
    }
  } else {
    detail = transportMessage(error);
  }
  return new ServiceUnavailableError(
    `Kubernetes cluster ${cluster}: could not ${what} ${where}: ${detail}${hint}`,
  );
}

/** The cluster views need `harbor.cluster` (or a backend-provided cluster). */
export function clusterNotConfigured(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'No Kubernetes cluster is configured for the Harbor backend; set harbor.cluster (kubeconfigPath, inCluster or url with token)',
  );
}
