export interface Config {
  harbor?: {
    /**
     * Where `harbor:robot:ensure` stores robot credentials: one Kubernetes Secret of type
     * `kubernetes.io/dockerconfigjson` per robot, from where the platform's PushSecret/ExternalSecret manifests
     * carry it on. Harbor shows a robot secret only once, so the action writes it here and nowhere else.
     */
    robotSecrets?: {
      /** The namespace the Secrets are written to. */
      namespace: string;
      /** The cluster: exactly one of `kubeconfigPath`, `inCluster` or `url` (with `token`). */
      cluster?: {
        /** A kubeconfig file; its current context is used unless `context` is set. */
        kubeconfigPath?: string;
        /** The context of `kubeconfigPath` to use. */
        context?: string;
        /** Use the service account of the pod the backend runs in. */
        inCluster?: boolean;
        /** The API server address, e.g. https://kubernetes.example.com:6443. */
        url?: string;
        /**
         * Bearer token of a service account allowed to get, create and update Secrets in `namespace`.
         * @visibility secret
         */
        token?: string;
        /** PEM CA bundle (base64) of the API server. */
        caData?: string;
        /** Skip TLS verification; for tests only. */
        skipTLSVerify?: boolean;
      };
    };
    /** Git repositories written by harbor:gitops:commit. */
    gitops?: {
      /** The repository harbor:gitops:commit writes to when a template gives no repoUrl, e.g. https://git.example.com/platform/gitops.git. */
      defaultRepoUrl?: string;
      /** Basic-auth credentials per Git host, used for http(s) repoUrls on that host. */
      credentials?: Array<{
        /** The host, optionally with port, e.g. git.example.com or 127.0.0.1:3000. */
        host: string;
        /** The username. */
        username: string;
        /**
         * The password or access token.
         * @visibility secret
         */
        password: string;
      }>;
    };
    /** How catalog entities map to Harbor project members (`harbor:members:ensure`). */
    members?: {
      /** The Harbor user group type of catalog Groups: `ldap` (1), `http` (2) or `oidc` (3). */
      groupType?: 'ldap' | 'http' | 'oidc';
    };
  };
}
