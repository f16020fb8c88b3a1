import { ServiceUnavailableError } from '@backstage/errors';

/** The cluster views need `harbor.cluster` (or a backend-provided cluster). */
export function clusterNotConfigured(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'No Kubernetes cluster is configured for the Harbor backend; set harbor.cluster (kubeconfigPath, inCluster or url with token)',
  );
}
