import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Harbor registries that Backstage talks to.
   *
   * Either one instance written directly under `harbor` (the form the existing Harbor plugins read), or a list
   * under `harbor.instances`, the first of which is the default.
   */
  harbor?: {
    /**
     * The address of the single Harbor instance, e.g. https://harbor.example.com (without /api/v2.0).
     */
    baseUrl?: string;
    /**
     * User or robot account name (robot$name or robot$project+name) of the single instance.
     * @visibility secret
     */
    username?: string;
    /**
     * Password or robot secret of the single instance.
     * @visibility secret
     */
    password?: string;
    /**
     * Address of the Harbor web UI when it differs from baseUrl, used for links.
     */
    uiUrl?: string;
    /**
     * Registry hosts (host or host:port) that name the single instance in image references and annotations,
     * besides the host of baseUrl.
     */
    host?: string | string[];

    /**
     * Several Harbor instances; the first is the default.
     */
    instances?: Array<{
      /**
       * The name that annotations (goharbor.io/instance) and scaffolder inputs use for this instance.
       */
      name: string;
      /**
       * The address of the instance, e.g. https://harbor.example.com (without /api/v2.0).
       */
      baseUrl: string;
      /**
       * User or robot account name (robot$name or robot$project+name).
       * @visibility secret
       */
      username?: string;
      /**
       * Password or robot secret.
       * @visibility secret
       */
      password?: string;
      /**
       * Address of the Harbor web UI when it differs from baseUrl, used for links.
       */
      uiUrl?: string;
      /**
       * Registry hosts (host or host:port) that name this instance in image references and annotations,
       * besides the host of baseUrl.
       */
      host?: string | string[];
    }>;

    /**
     * Timeout of one request to Harbor, in milliseconds or as a duration ('10s', { seconds: 10 }).
     * Defaults to 10 seconds.
     */
    requestTimeout?: number | string | HumanDuration;
    /**
     * The most requests in flight to one Harbor instance at a time. Defaults to 8.
     */
    maxConcurrency?: number;
  };
}
