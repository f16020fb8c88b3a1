import type { Config } from '@backstage/config';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ApiException, CoreV1Api, V1Secret } from '@kubernetes/client-node';
import { kubernetesClusterName, readKubeConfig } from './config';
import { kubernetesErrorMessage, kubernetesStatusMessage } from './errors';

/** @public */
export const ROBOT_SECRETS_CONFIG_KEY = 'harbor.robotSecrets';

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY = 'backstage-harbor';
const PROJECT_LABEL = 'goharbor.io/project';
const ROBOT_LABEL = 'goharbor.io/robot';
const INSTANCE_LABEL = 'goharbor.io/instance';
const ROBOT_FULL_NAME_ANNOTATION = 'goharbor.io/robot-full-name';
const ROBOT_ID_ANNOTATION = 'goharbor.io/robot-id';
const REGISTRY_ANNOTATION = 'goharbor.io/registry';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Which robot a Secret holds the credentials of. @public */
export interface RobotSecretOwner {
  instance: string;
  project: string;
  /** The short name, e.g. `ci`. */
  robotName: string;
  /** As Harbor names it, e.g. `robot$team-a+ci`: the registry login. */
  robotFullName: string;
  robotId: number;
  /** The registry host to log in to, e.g. `harbor.example.com`. */
  registry: string;
}

/** What is stored under a Secret name. @public */
export type RobotSecretState =
  | { exists: false }
  | {
      exists: true;
      /** Labelled `app.kubernetes.io/managed-by: backstage-harbor`. */
      managed: boolean;
      robotFullName?: string;
      robotId?: number;
      instance?: string;
    };

/** Where robot credentials go. The Kubernetes writer below is the real one. @public */
export interface RobotSecretStore {
  /** `namespace platform-secrets`, for plans and logs. */
  readonly location: string;
  readonly namespace: string;
  inspect(name: string): Promise<RobotSecretState>;
  /** Creates or replaces the Secret. The secret value never appears in an error or a log line. */
  write(
    name: string,
    owner: RobotSecretOwner,
    secret: string,
    existing: RobotSecretState,
  ): Promise<void>;
}

/**
 * Writes robot credentials as `kubernetes.io/dockerconfigjson` Secrets into one namespace of one cluster, through
 * `@kubernetes/client-node`, labelled as ours so that nothing else is overwritten.
 * @public
 */
export class KubernetesRobotSecretStore implements RobotSecretStore {
  /** The store configured under `harbor.robotSecrets`, or undefined when that is absent. */
  static fromConfig(config: Config): KubernetesRobotSecretStore | undefined {
    const robotSecrets = config.getOptionalConfig(ROBOT_SECRETS_CONFIG_KEY);
    if (!robotSecrets) return undefined;
    const namespace = robotSecrets.getOptionalString('namespace');
    if (!namespace || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) {
      throw new InputError(
        `${ROBOT_SECRETS_CONFIG_KEY}.namespace must be set to the namespace (a DNS-1123 label) the robot Secrets are written to`,
      );
    }
    const key = `${ROBOT_SECRETS_CONFIG_KEY}.cluster`;
    const kc = readKubeConfig(config, key, {
      access: 'get, create and update Secrets',
    });
    if (!kc) {
      throw new InputError(
        `${key}: set exactly one of kubeconfigPath, inCluster: true, or url with token`,
      );
    }
    return new KubernetesRobotSecretStore(
      kc.makeApiClient(CoreV1Api),
      namespace,
      `namespace ${namespace} of ${kubernetesClusterName(kc)}`,
    );
  }

  constructor(
    private readonly core: CoreV1Api,
    readonly namespace: string,
    readonly location: string,
  ) {}

  async inspect(name: string): Promise<RobotSecretState> {
    let secret: V1Secret;
    try {
      secret = await this.core.readNamespacedSecret({
        name,
        namespace: this.namespace,
      });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        return { exists: false };
      }
      throw this.failure('read', name, error);
    }
    const labels = secret.metadata?.labels ?? {};
    const annotations = secret.metadata?.annotations ?? {};
    const id = Number(annotations[ROBOT_ID_ANNOTATION]);
    return {
      exists: true,
      managed: labels[MANAGED_BY_LABEL] === MANAGED_BY,
      robotFullName: annotations[ROBOT_FULL_NAME_ANNOTATION],
      robotId: Number.isInteger(id) ? id : undefined,
      instance: annotations[INSTANCE_LABEL],
    };
  }

  async write(
    name: string,
    owner: RobotSecretOwner,
    secret: string,
    existing: RobotSecretState,
  ): Promise<void> {
    const body = this.secretBody(name, owner, secret);
    try {
      if (existing.exists) {
        await this.core.replaceNamespacedSecret({
          name,
          namespace: this.namespace,
          body,
        });
        return;
      }
      try {
        await this.core.createNamespacedSecret({
          namespace: this.namespace,
          body,
        });
      } catch (error) {
        // Created since we looked (a concurrent run): replace it, it is ours by name and labels.
        if (!(error instanceof ApiException && error.code === 409)) throw error;
        await this.core.replaceNamespacedSecret({
          name,
          namespace: this.namespace,
          body,
        });
      }
    } catch (error) {
      throw this.failure('write', name, error, secret);
    }
  }

  private secretBody(
    name: string,
    owner: RobotSecretOwner,
    secret: string,
  ): V1Secret {
    const auth = Buffer.from(`${owner.robotFullName}:${secret}`).toString(
      'base64',
    );
    const dockerConfig = {
      auths: {
        [owner.registry]: {
          username: owner.robotFullName,
          password: secret,
          auth,
        },
      },
    };
    const labels: Record<string, string> = { [MANAGED_BY_LABEL]: MANAGED_BY };
    // Label values are at most 63 characters; the annotations always carry the full values.
    for (const [key, value] of [
      [PROJECT_LABEL, owner.project],
      [ROBOT_LABEL, owner.robotName],
      [INSTANCE_LABEL, owner.instance],
    ]) {
      if (value.length <= 63 && LABEL_VALUE.test(value)) labels[key] = value;
    }
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/dockerconfigjson',
      metadata: {
        name,
        namespace: this.namespace,
        labels,
        annotations: {
          [PROJECT_LABEL]: owner.project,
          [INSTANCE_LABEL]: owner.instance,
          [ROBOT_FULL_NAME_ANNOTATION]: owner.robotFullName,
          [ROBOT_ID_ANNOTATION]: String(owner.robotId),
          [REGISTRY_ANNOTATION]: owner.registry,
        },
      },
      data: {
        '.dockerconfigjson': Buffer.from(JSON.stringify(dockerConfig)).toString(
          'base64',
        ),
      },
    };
  }

  /** An error without the request, the response body or the secret: only the Status message, redacted. */
  private failure(
    verb: 'read' | 'write',
    name: string,
    error: unknown,
    secret?: string,
  ): Error {
    const where = `Secret ${name} in ${this.location}`;
    let detail: string;
    let code: number | undefined;
    if (error instanceof ApiException) {
      code = error.code;
      detail = kubernetesStatusMessage(error);
    } else {
      detail = kubernetesErrorMessage(error);
    }
    if (secret) detail = detail.split(secret).join('[redacted]');
    const message = `Could not ${verb} the robot credentials ${where}: ${detail}`;
    if (code === 404) {
      return new NotFoundError(
        `${message}; does namespace ${this.namespace} (harbor.robotSecrets.namespace) exist?`,
      );
    }
    if (code === 409) return new ConflictError(message);
    if (code === 401 || code === 403) {
      return new NotAllowedError(
        `${message}; check the service account of harbor.robotSecrets.cluster may get, create and update Secrets`,
      );
    }
    return new ServiceUnavailableError(message);
  }
}
