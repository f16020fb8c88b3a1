import { createHash } from 'node:crypto';
import {
  HARBOR_PROJECT_NAME_PATTERN,
  HARBOR_PROJECT_NAME_RULE,
} from '@backstage-harbor/plugin-harbor-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { commonLabels } from './names';
import {
  externalSecret,
  ExternalSecret,
  PUSH_SECRET_API_VERSION,
} from './secrets';
import { yamlFile } from './serialize';
import { describeZodIssues, onePasswordProviderSchema } from './spec';
import type { KubernetesObject, RenderedFile } from './types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Field of the 1Password item that holds the Docker config JSON. @public */
export const ROBOT_DOCKERCONFIG_FIELD = 'dockerconfigjson';

/** The spec of one robot delivery: input of {@link renderTeamRobotDelivery}. @public */
export const teamRobotDeliverySpecSchema = z.object({
  project: z
    .string()
    .regex(
      HARBOR_PROJECT_NAME_PATTERN,
      `project must be a Harbor project name: ${HARBOR_PROJECT_NAME_RULE}`,
    )
    .describe('Harbor project the robot account belongs to'),
  robot: z
    .string()
    .regex(
      HARBOR_PROJECT_NAME_PATTERN,
      'robot must be the robot name without the robot$<project>+ prefix',
    )
    .describe('Robot account name, without the robot$<project>+ prefix'),
  sourceNamespace: z
    .string()
    .regex(DNS_LABEL, 'sourceNamespace must be a namespace name')
    .default('harbor')
    .describe(
      'Namespace where the robot action writes the dockerconfigjson Secret',
    ),
  teamNamespaces: z
    .array(
      z
        .string()
        .regex(DNS_LABEL, 'each team namespace must be a namespace name'),
    )
    .min(1, 'teamNamespaces must list at least one namespace')
    .refine(
      list => new Set(list).size === list.length,
      'teamNamespaces must not repeat',
    )
    .describe('Namespaces that receive the pull secret'),
  clusterSecretStore: z
    .string()
    .min(1)
    .default('onepassword')
    .describe(
      '1Password ClusterSecretStore; it must allow the team namespaces',
    ),
  provider: onePasswordProviderSchema,
  onePasswordItem: z
    .string()
    .regex(/^[^/]+$/, "onePasswordItem must not contain '/'")
    .optional()
    .describe('1Password item title; defaults to the Secret name'),
  refreshInterval: z
    .string()
    .regex(
      /^([0-9]+(ms|s|m|h))+$/,
      'refreshInterval must be a duration such as 1h',
    )
    .default('1h')
    .describe('How often ESO pushes and re-reads the credential'),
  basePath: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
      'basePath must be a relative path',
    )
    .default('platform/harbor/teams')
    .describe('Folder of the teams layer in the Flux repository'),
});

/** What callers pass (defaults optional). @public */
export type TeamRobotDeliverySpecInput = z.input<
  typeof teamRobotDeliverySpecSchema
>;
/** The robot delivery spec with every default applied. @public */
export type TeamRobotDeliverySpec = z.output<
  typeof teamRobotDeliverySpecSchema
>;

/**
 * Name of the dockerconfigjson Secret the robot action writes and the team namespaces receive:
 * `harbor-robot-<project>-<robot>` when that names one robot only: nothing had to be replaced and the robot has
 * no `-` (so the last `-` splits project from robot). Otherwise (`_` is not allowed in object names, so `a_b` and
 * `a-b` would meet; so would `a-b`+`c` and `a`+`b-c`) the name ends in `--` and a hash of the exact pair. `--`
 * never occurs in the plain form (Harbor names have no doubled separators), so the two forms cannot meet either.
 * At most 253 characters.
 * @public
 */
export function robotSecretName(project: string, robot: string): string {
  const plain = `harbor-robot-${project}-${robot}`;
  if (!plain.includes('_') && !robot.includes('-') && plain.length <= 253) {
    return plain;
  }
  const hash = createHash('sha256')
    .update(`${project}+${robot}`)
    .digest('hex')
    .slice(0, 10);
  const readable = plain
    .replace(/_/g, '-')
    .slice(0, 253 - hash.length - 2)
    .replace(/[-.]+$/, '');
  return `${readable}--${hash}`;
}

export interface PushSecret extends KubernetesObject {
  spec: {
    refreshInterval: string;
    updatePolicy: 'Replace';
    deletionPolicy: 'None';
    secretStoreRefs: { kind: 'ClusterSecretStore'; name: string }[];
    selector: { secret: { name: string } };
    data: {
      match: {
        secretKey: string;
        remoteRef: { remoteKey: string; property: string };
      };
    }[];
  };
}

/**
 * Manifests that deliver a team's robot credentials: a PushSecret copies the Secret the robot action
 * wrote into 1Password, and an ExternalSecret per team namespace reads it back as a pull secret. The
 * robot token itself is minted by the Harbor API and never appears here.
 * @throws InputError naming each invalid field.
 * @public
 */
export function renderTeamRobotDelivery(
  input: TeamRobotDeliverySpecInput,
): RenderedFile[] {
  const parsed = teamRobotDeliverySpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      `Invalid team robot delivery spec: ${describeZodIssues(parsed.error)}`,
      parsed.error,
    );
  }
  const spec = parsed.data;
  const secretName = robotSecretName(spec.project, spec.robot);
  const item = spec.onePasswordItem ?? secretName;
  const labels = {
    ...commonLabels('robot-delivery'),
    // Same prefix as the catalog annotations (goharbor.io/repository-slug, harbor-common).
    'goharbor.io/project': spec.project,
    'goharbor.io/robot': spec.robot,
  };

  const pushSecret: PushSecret = {
    apiVersion: PUSH_SECRET_API_VERSION,
    kind: 'PushSecret',
    metadata: { name: secretName, namespace: spec.sourceNamespace, labels },
    spec: {
      refreshInterval: spec.refreshInterval,
      updatePolicy: 'Replace',
      // Removing the delivery from Git must not delete the credential other clusters may still read.
      deletionPolicy: 'None',
      secretStoreRefs: [
        { kind: 'ClusterSecretStore', name: spec.clusterSecretStore },
      ],
      selector: { secret: { name: secretName } },
      data: [
        {
          match: {
            secretKey: '.dockerconfigjson',
            remoteRef: { remoteKey: item, property: ROBOT_DOCKERCONFIG_FIELD },
          },
        },
      ],
    },
  };

  const pulls: ExternalSecret[] = spec.teamNamespaces.map(namespace =>
    externalSecret({
      name: secretName,
      namespace,
      store: spec.clusterSecretStore,
      provider: spec.provider,
      item,
      fields: { '.dockerconfigjson': ROBOT_DOCKERCONFIG_FIELD },
      refreshInterval: spec.refreshInterval,
      labels,
      targetType: 'kubernetes.io/dockerconfigjson',
    }),
  );

  const folder = `${spec.basePath}/${secretName}`;
  return [
    yamlFile(`${folder}/push-secret.yaml`, [pushSecret]),
    yamlFile(`${folder}/external-secrets.yaml`, pulls),
  ];
}
