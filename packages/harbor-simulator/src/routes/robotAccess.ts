/**
 * The resource:action pairs a robot permission may hold, by scope: Harbor's `rbac.PoliciesMap` plus what its
 * `NolimitProvider.GetPermissions` appends (src/common/rbac/const.go). `*` is no resource or action here: the
 * robot handler's `validate` compares each access with this list literally (src/server/v2.0/handler/robot.go
 * `containsAccess`).
 */
const ROBOT_ACCESS: Record<'system' | 'project', Record<string, string[]>> = {
  system: {
    'audit-log': ['list'],
    'preheat-instance': ['read', 'create', 'delete', 'list', 'update'],
    project: ['list', 'create'],
    'replication-policy': ['read', 'create', 'delete', 'list', 'update'],
    replication: ['read', 'create', 'list'],
    'replication-adapter': ['list'],
    registry: ['read', 'create', 'delete', 'list', 'update'],
    'scan-all': ['read', 'update', 'stop', 'create'],
    'system-volumes': ['read'],
    'garbage-collection': ['read', 'create', 'list', 'update', 'stop'],
    'purge-audit': ['read', 'create', 'list', 'update', 'stop'],
    'jobservice-monitor': ['list', 'stop'],
    scanner: ['read', 'create', 'delete', 'list', 'update'],
    label: ['read', 'create', 'delete', 'update'],
    'security-hub': ['read', 'list'],
    catalog: ['read'],
    quota: ['read', 'list', 'update'],
    robot: ['create', 'read', 'list', 'delete'],
    user: ['create', 'read', 'update', 'list', 'delete'],
    'ldap-user': ['create', 'list'],
    'user-group': ['create', 'read', 'update', 'list', 'delete'],
  },
  project: {
    log: ['list'],
    project: ['read', 'delete', 'update'],
    metadata: ['read', 'create', 'delete', 'list', 'update'],
    repository: ['read', 'update', 'delete', 'list', 'pull', 'push'],
    artifact: ['read', 'create', 'list', 'delete'],
    scan: ['create', 'read', 'stop'],
    sbom: ['create', 'stop', 'read'],
    tag: ['create', 'list', 'delete'],
    accessory: ['list'],
    'artifact-addition': ['read'],
    'artifact-label': ['create', 'delete'],
    scanner: ['create', 'read'],
    'preheat-policy': ['read', 'create', 'delete', 'list', 'update'],
    'immutable-tag': ['create', 'delete', 'list', 'update'],
    'notification-policy': ['read', 'create', 'delete', 'list', 'update'],
    'tag-retention': ['read', 'create', 'delete', 'list', 'update'],
    label: ['read', 'create', 'delete', 'list', 'update'],
    quota: ['read'],
    robot: ['create', 'read', 'list', 'delete'],
    'export-cve': ['create', 'read'],
    member: ['create', 'read', 'update', 'list', 'delete'],
  },
};

/** Whether Harbor accepts `resource:action` in a robot permission of this kind. */
export function isRobotAccess(
  kind: 'system' | 'project',
  resource: unknown,
  action: unknown,
): boolean {
  const actions = Object.hasOwn(ROBOT_ACCESS[kind], String(resource))
    ? ROBOT_ACCESS[kind][String(resource)]
    : [];
  return actions.includes(String(action));
}
