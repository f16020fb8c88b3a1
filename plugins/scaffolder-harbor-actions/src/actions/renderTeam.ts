import {
  renderTeamRobotDelivery,
  robotSecretName,
  teamRobotDeliverySpecSchema,
} from '@backstage-harbor/harbor-platform-manifests';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { harborProjectUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
  RobotSecretStore,
} from '@backstage-harbor/plugin-harbor-node';
import {
  renderOutput,
  reportRendered,
  targetPathField,
  workspaceFolder,
  writeManifests,
} from '../render';
import { examples } from './renderTeam.examples';
import {
  Zod,
  actionInput,
  clientFor,
  harborNameField,
  instanceField,
  projectField,
} from '../inputs/schema';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { ROBOT_NAME_MAX } from '../provisioning/rules';

export const RENDER_TEAM_ID = 'harbor:team:render';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_LABEL_RULE =
  "a namespace name: lower-case letters, digits and '-', at most 63 characters";

const input = actionInput((z: Zod) =>
  z
    .object({
      instance: instanceField(z),
      project: projectField(z),
      robots: z
        .array(
          z
            .object({
              name: harborNameField(
                z,
                ROBOT_NAME_MAX,
                "'+' is reserved by Harbor",
              ).describe("The robot's name in the project, e.g. 'ci'."),
            })
            // The robots parameter of harbor:robot:ensure can be passed as it is; only `name` is read.
            .passthrough(),
        )
        .min(1, 'must list at least one robot')
        .describe(
          'The robot accounts whose credentials are delivered, as given to harbor:robot:ensure (only name is read). Their Secrets are harbor-robot-<project>-<name>.',
        ),
      teamNamespaces: z
        .array(z.string().regex(DNS_LABEL, `must be ${DNS_LABEL_RULE}`))
        .optional()
        .describe(
          'The namespaces that receive the pull secrets. Default (also when empty): the project name, with . and _ as -.',
        ),
      sourceNamespace: z
        .string()
        .regex(DNS_LABEL, `must be ${DNS_LABEL_RULE}`)
        .optional()
        .describe(
          "The namespace the robot Secrets are written to by harbor:robot:ensure. Default: harbor.robotSecrets.namespace, else 'harbor'.",
        ),
      clusterSecretStore: z
        .string()
        .min(1, 'must not be empty')
        .default('onepassword')
        .describe(
          "The 1Password ClusterSecretStore; it must allow the team namespaces. Default 'onepassword'.",
        ),
      // The renderer's own rule and default.
      provider: teamRobotDeliverySpecSchema.shape.provider.describe(
        "The ESO provider behind the store: 'onepasswordSDK' (service account) or 'onepassword' (Connect server). Default 'onepasswordSDK'.",
      ),
      basePath: z
        .string()
        .regex(
          /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
          "must be a relative folder such as platform/harbor/teams ('/'-separated)",
        )
        .refine(p => !p.split('/').includes('..'), 'must not contain ..')
        .default('platform/harbor/teams')
        .describe(
          "The teams folder of the platform repository (the platform's flux.basePath + /teams). Default 'platform/harbor/teams'.",
        ),
      targetPath: targetPathField(z),
    })
    .strict(),
);

/**
 * `harbor:team:render`: per robot, a PushSecret that copies the Secret harbor:robot:ensure wrote into 1Password
 * and ExternalSecrets that read it back as a pull secret in the team's namespaces. The robot secret itself is
 * never read: the manifests only name the Secret and the 1Password item.
 */
export function createRenderTeamAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
  secretStore: () => RobotSecretStore | undefined;
}): TemplateAction<any, any, any> {
  return createTemplateAction({
    id: RENDER_TEAM_ID,
    description:
      "Renders the manifests that deliver a team's robot credentials to its namespaces (PushSecret to 1Password, ExternalSecret per namespace) into a workspace folder, every object validated first. Never reads or writes a secret value. In a dry run it renders too: the workspace is local.",
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          ...renderOutput(z),
          secretNames: z
            .array(z.string())
            .describe(
              'The pull secrets the team namespaces receive, one per robot.',
            ),
        }),
    },
    async handler(ctx) {
      const request = input.parse(RENDER_TEAM_ID, ctx.input);
      // It writes no Harbor resource, but what it renders goes to Git for the project's team (issue #17).
      await authorizeProjectAction(
        ctx,
        options.authorizer,
        clientFor(options.clients, request.instance, ctx.signal),
        { project: request.project, permission: harborProjectUpdatePermission },
      );
      // An empty list from a template form means the default, like no list.
      const teamNamespaces = request.teamNamespaces?.length
        ? request.teamNamespaces
        : [request.project.replace(/[._]/g, '-')];
      if (teamNamespaces.some(ns => !DNS_LABEL.test(ns)))
        throw new InputError(
          `teamNamespaces: the default '${teamNamespaces[0]}' (from the project name) is not ${DNS_LABEL_RULE}; set teamNamespaces`,
        );
      let sourceNamespace = request.sourceNamespace;
      if (!sourceNamespace) {
        try {
          sourceNamespace = options.secretStore()?.namespace;
        } catch {
          // No robot Secret store configured: the robot action would refuse too; fall back to the default.
        }
      }
      const folder = workspaceFolder(ctx.workspacePath, request.targetPath);
      const files = request.robots.flatMap(robot =>
        renderTeamRobotDelivery({
          project: request.project,
          robot: robot.name,
          sourceNamespace: sourceNamespace ?? 'harbor',
          teamNamespaces,
          clusterSecretStore: request.clusterSecretStore,
          provider: request.provider,
          basePath: request.basePath,
        }),
      );
      const written = await writeManifests(folder, files);
      reportRendered(ctx, {
        what: `the robot deliveries of project ${
          request.project
        } to ${teamNamespaces.join(', ')}`,
        folder,
        repoPath: request.basePath,
        files: written,
      });
      ctx.output(
        'secretNames',
        request.robots.map(r => robotSecretName(request.project, r.name)),
      );
    },
  });
}
