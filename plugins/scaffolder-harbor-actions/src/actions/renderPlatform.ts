import {
  harborPlatformSpecSchema,
  renderHarborPlatform,
} from '@backstage-harbor/harbor-platform-manifests';
import { harborPlatformUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import type { HarborProjectAuthorizer } from '@backstage-harbor/plugin-harbor-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  renderOutput,
  reportRendered,
  targetPathField,
  workspaceFolder,
  writeManifests,
} from '../render';
import { examples } from './renderPlatform.examples';
import { Zod, actionInput } from '../inputs/schema';
import { authorizeAction } from '../permissions/authorizeAction';

export const RENDER_PLATFORM_ID = 'harbor:platform:render';

const input = actionInput((z: Zod) =>
  z
    .object({
      // The renderer's own spec (the scaffolder's zod/v3): one source of truth for fields, defaults and rules.
      platform: harborPlatformSpecSchema.describe(
        'The Harbor platform: host name, chart (official or Bitnami), storage class, S3 bucket and endpoint, ingress class and ClusterIssuer, 1Password store and item titles, replicas, resource profile, Trivy DB mirrors, monitoring and dashboards, and Flux layout and version. Item titles only: no secret value is ever an input.',
      ),
      targetPath: targetPathField(z),
    })
    .strict(),
);

/**
 * `harbor:platform:render`: the Flux manifests that run Harbor (official or Bitnami chart, CloudNativePG, Dragonfly, Ceph S3,
 * External Secrets from 1Password, Prometheus) rendered into the workspace, every object validated first.
 */
export function createRenderPlatformAction(options: {
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: RENDER_PLATFORM_ID,
    description:
      'Renders the GitOps manifests that run Harbor on a cluster (Flux, CloudNativePG, Dragonfly, Ceph S3, External Secrets from 1Password, Prometheus) into a workspace folder. Every object is validated against its schema before anything is written; secrets are only referenced. In a dry run it renders too: the workspace is local.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) => z.object(renderOutput(z)),
    },
    async handler(ctx) {
      const request = input.parse(RENDER_PLATFORM_ID, ctx.input);
      await authorizeAction(
        ctx,
        options.authorizer,
        harborPlatformUpdatePermission,
      );
      const folder = workspaceFolder(ctx.workspacePath, request.targetPath);
      const files = renderHarborPlatform(request.platform);
      const written = await writeManifests(folder, files);
      const repoPath = request.platform.flux.basePath;
      reportRendered(ctx, {
        what: `the Harbor platform into ${repoPath}`,
        folder,
        repoPath,
        files: written,
      });
    },
  });
}
