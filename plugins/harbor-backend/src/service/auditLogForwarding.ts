import {
  HarborClient,
  getHarborApiError,
} from '@backstage-harbor/plugin-harbor-node';
import type { AuditLogForwarding } from '@backstage-harbor/plugin-harbor-common';

/**
 * Whether the instance forwards audit logs (`audit_log_forward_endpoint` of `GET /configurations`). Reading
 * the configuration needs a sysadmin; for any other account, or any failure, it is `unknown` with the reason.
 * Never rejects.
 */
export async function readAuditLogForwarding(
  client: HarborClient,
): Promise<AuditLogForwarding> {
  try {
    const config = await client.system.configurations();
    const endpoint = config.audit_log_forward_endpoint?.value?.trim();
    if (!endpoint) return { status: 'not-configured' };
    return {
      status: 'configured',
      endpoint,
      skipDatabase: config.skip_audit_log_database?.value === true,
    };
  } catch (error) {
    const status = getHarborApiError(error)?.status;
    return {
      status: 'unknown',
      reason:
        status === 401 || status === 403
          ? 'The configured Harbor account may not read the system configuration (it needs a Harbor sysadmin).'
          : `The system configuration could not be read${
              status ? ` (HTTP ${status})` : ''
            }.`,
    };
  }
}
