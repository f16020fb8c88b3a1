import {
  HARBOR_PROJECT_NAME_RULE,
  harborProjectPushRobotCreatePermission,
  harborProjectUpdatePermission,
} from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
  RobotSecretStore,
} from '@backstage-harbor/plugin-harbor-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  harborNameField,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import {
  RobotReconciler,
  defaultSecretName,
} from '../provisioning/robotReconciler';
import {
  ROBOT_NAME_MAX,
  SECRET_NAME_PATTERN,
  SECRET_NAME_RULE,
} from '../provisioning/rules';
import { examples } from './ensureRobot.examples';

export const ENSURE_ROBOT_ID = 'harbor:robot:ensure';

const input = projectActionInput((z: Zod) => ({
  robots: z
    .array(
      z
        .object({
          name: harborNameField(
            z,
            ROBOT_NAME_MAX,
            "'+' is reserved by Harbor",
          ).describe(
            `The robot's name in the project, e.g. 'ci'; Harbor calls it robot$<project>+<name>. ${HARBOR_PROJECT_NAME_RULE}, at most ${ROBOT_NAME_MAX} characters.`,
          ),
          access: z
            .enum(['pull', 'pull+push'])
            .describe(
              "'pull' (repository:pull) for deployments, 'pull+push' (repository:pull and push) for CI.",
            ),
          expiresInDays: z
            .number()
            .int('must be a whole number of days')
            .min(1, 'must be at least 1 day')
            .max(3650, 'must be at most 3650 days (10 years)')
            .optional()
            .describe(
              'Days until the robot expires, 1 to 3650. It never expires when absent.',
            ),
          description: z
            .string()
            .max(1024, 'must be at most 1024 characters')
            .optional()
            .describe("The robot's description in Harbor."),
          secretName: z
            .string()
            .max(253, 'must be at most 253 characters')
            .regex(SECRET_NAME_PATTERN, `must be ${SECRET_NAME_RULE}`)
            .optional()
            .describe(
              'The Kubernetes Secret the credentials are written to, in the configured namespace. Default: harbor-robot-<project>-<name>.',
            ),
        })
        .strict(),
    )
    .min(1, 'must list at least one robot')
    .max(10, 'must list at most 10 robots')
    .superRefine((robots, ctx) => {
      const seen = new Set<string>();
      robots.forEach((robot, i) => {
        if (seen.has(robot.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `'${robot.name}' is listed twice`,
          });
        }
        seen.add(robot.name);
      });
    })
    .describe('The project robots to ensure.'),
}));

/** The robots with their Secret names, the defaults checked: valid and one per robot. */
function withSecretNames(request: ReturnType<typeof input.parse>) {
  const robots = request.robots.map(r => ({
    ...r,
    secretName: r.secretName ?? defaultSecretName(request.project, r.name),
  }));
  robots.forEach((r, i) => {
    if (!SECRET_NAME_PATTERN.test(r.secretName)) {
      throw new InputError(
        `Invalid input to ${ENSURE_ROBOT_ID}: robots.${i}.secretName: the default '${r.secretName}' is not ${SECRET_NAME_RULE}; set secretName`,
      );
    }
    if (robots.findIndex(o => o.secretName === r.secretName) !== i) {
      throw new InputError(
        `Invalid input to ${ENSURE_ROBOT_ID}: robots.${i}.secretName: '${r.secretName}' is used by another robot`,
      );
    }
  });
  return robots;
}

/** `harbor:robot:ensure`: project robots whose credentials go to a Kubernetes Secret, never to the task. */
export function createEnsureRobotAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
  /** Resolved on first use, so that the module starts without `harbor.robotSecrets`. */
  secretStore: () => RobotSecretStore | undefined;
}) {
  return createTemplateAction({
    id: ENSURE_ROBOT_ID,
    description:
      "Creates or reconciles project robot accounts with the least permissions (pull, or pull+push for CI) and writes each robot's credentials as a kubernetes.io/dockerconfigjson Secret into the configured namespace (harbor.robotSecrets). The secret is never an output nor logged. An existing robot is kept; its secret is refreshed only when its Secret is missing. Supports dry run.",
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          robots: z
            .array(
              z.object({
                name: z.string().describe('The robot name in the project.'),
                fullName: z
                  .string()
                  .describe('The registry login, e.g. robot$team-a+ci.'),
                id: z
                  .number()
                  .optional()
                  .describe(
                    'The Harbor robot id; absent in a dry run for a new robot.',
                  ),
                secretName: z
                  .string()
                  .describe('The Secret holding its credentials.'),
                secretNamespace: z.string().describe("The Secret's namespace."),
              }),
            )
            .describe(
              'The robots and where their credentials are; never the secret itself.',
            ),
          plan: planOutput(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_ROBOT_ID, ctx.input);
      const robots = withSecretNames(request);
      const client = clientFor(options.clients, request.instance, ctx.signal);
      await authorizeProjectAction(ctx, options.authorizer, client, {
        project: request.project,
        // A push robot's secret can publish images under the project: its own permission (issue #17).
        permission: robots.some(r => r.access === 'pull+push')
          ? harborProjectPushRobotCreatePermission
          : harborProjectUpdatePermission,
      });
      const store = options.secretStore();
      if (!store) {
        throw new InputError(
          `${ENSURE_ROBOT_ID} writes robot credentials only to a Kubernetes Secret, and harbor.robotSecrets is not configured: set harbor.robotSecrets.namespace and harbor.robotSecrets.cluster`,
        );
      }
      const results = await runPlan(
        ctx,
        `Harbor robots of project ${request.project}`,
        plan =>
          new RobotReconciler(client, store, plan).reconcile(
            request.project,
            robots,
          ),
      );
      ctx.output(
        'robots',
        results.map(r => ({ ...r })),
      );
    },
  });
}
