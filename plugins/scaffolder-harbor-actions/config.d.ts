export interface Config {
  harbor?: {
    /** How catalog entities map to Harbor project members (`harbor:members:ensure`). */
    members?: {
      /** The Harbor user group type of catalog Groups: `ldap` (1), `http` (2) or `oidc` (3). */
      groupType?: 'ldap' | 'http' | 'oidc';
    };
  };
}
