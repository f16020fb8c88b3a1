import { HarborRoutes } from '../context';
import { artifactRoutes } from './artifacts';
import { auditLogRoutes } from './auditLogs';
import { configurationRoutes } from './configurations';
import { immutabilityRoutes } from './immutability';
import { labelRoutes } from './labels';
import { memberRoutes } from './members';
import { projectRoutes } from './projects';
import { quotaRoutes } from './quotas';
import { registryRoutes } from './registries';
import { replicationRoutes } from './replication';
import { repositoryRoutes } from './repositories';
import { retentionRoutes } from './retentions';
import { robotRoutes } from './robots';
import { scannerRoutes } from './scanners';
import { securityHubRoutes } from './securityHub';
import { systemRoutes } from './system';
import { webhookRoutes } from './webhooks';
import { webhookExecutionRoutes } from '../webhooks/executionRoutes';

/** Every implemented operation, by spec operationId. */
export const harborRoutes: HarborRoutes = {
  ...systemRoutes,
  ...projectRoutes,
  ...quotaRoutes,
  ...robotRoutes,
  ...retentionRoutes,
  ...immutabilityRoutes,
  ...memberRoutes,
  ...webhookRoutes,
  ...webhookExecutionRoutes,
  ...repositoryRoutes,
  ...artifactRoutes,
  ...scannerRoutes,
  ...securityHubRoutes,
  ...registryRoutes,
  ...replicationRoutes,
  ...auditLogRoutes,
  ...configurationRoutes,
  ...labelRoutes,
};
