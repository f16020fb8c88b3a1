import { HarborRoutes, ok } from '../context';
import { HarborError } from '../errors';
import { requireSystemAccess } from '../rbac';

/**
 * `GET /configurations`: sysadmins, or system robots allowed `configuration:read`. Only the items the
 * simulator honours are answered, each as `{value, editable}` (Spec: ConfigurationsResponse).
 */
export const configurationRoutes: HarborRoutes = {
  getConfigurations(ctx) {
    try {
      requireSystemAccess(ctx, 'configuration', 'read');
    } catch (e) {
      // The spec declares no body for this operation's 401 and 403.
      if (e instanceof HarborError) return { status: e.status };
      throw e;
    }
    const c = ctx.core.state.configuration;
    return ok({
      read_only: { value: c.read_only, editable: true },
      project_creation_restriction: {
        value: c.project_creation_restriction,
        editable: true,
      },
      quota_per_project_enable: {
        value: c.quota_per_project_enable,
        editable: true,
      },
      storage_per_project: { value: c.storage_per_project, editable: true },
      notification_enable: { value: c.notification_enable, editable: true },
      audit_log_forward_endpoint: {
        value: c.audit_log_forward_endpoint,
        editable: true,
      },
      skip_audit_log_database: {
        value: c.skip_audit_log_database,
        editable: true,
      },
    });
  },
};
