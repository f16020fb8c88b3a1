import {
  normalizeOwnerRef,
  type HarborClient,
  type HarborClients,
  type HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  parsedField,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import {
  authorizeProjectEnsure,
  reconcileProjectOwner,
  removeUnownedProject,
  type ProjectOwnership,
} from '../permissions/projectOwnership';
import { Plan, runPlan } from '../provisioning/plan';
import {
  ProjectReconciler,
  type ProjectRequest,
} from '../provisioning/projectReconciler';
import { QUOTA_RULE, parseQuota } from '../provisioning/quota';
import { SEVERITIES } from '../provisioning/rules';
import { examples } from './ensureProject.examples';

export const ENSURE_PROJECT_ID = 'harbor:project:ensure';

const input = projectActionInput((z: Zod) => ({
  owner: z
    .string()
    .refine(
      ref => normalizeOwnerRef(ref) !== undefined,
      'must be a Group or User entity ref such as group:default/team-a',
    )
    .optional()
    .describe(
      "The project's owner in the catalog, a Group or User entity ref (group:default/team-a), recorded on the project as its backstage.io/owner label. It must be you or a group you belong to unless your permission policy grants harbor.project.owner.assign. Default: you, for a new project; required to adopt a project created outside the portal (harbor.project.adopt).",
    ),
  public: z
    .boolean()
    .default(false)
    .describe(
      'Whether anyone may pull from the project without logging in. Default false.',
    ),
  autoScan: z
    .boolean()
    .default(true)
    .describe(
      'Scan images for vulnerabilities when they are pushed. Default true.',
    ),
  preventVulnerable: z
    .enum(SEVERITIES)
    .optional()
    .describe(
      'Prevent pulling images with vulnerabilities at or above this severity (low, medium, high, critical). Pulls are not blocked when absent. The same as preventVulnerableImages.severity; give one of them.',
    ),
  preventVulnerableImages: z
    .object({
      severity: z
        .enum(SEVERITIES)
        .describe(
          'Harbor refuses pulls of images with a vulnerability at or above this severity (low, medium, high, critical), and of images not scanned yet.',
        ),
    })
    .strict()
    .optional()
    .describe(
      "Harbor's deployment security: prevent_vul and severity in the project metadata. Pulls are not blocked when absent (unless preventVulnerable is given).",
    ),
  contentTrust: z
    .object({
      cosign: z
        .boolean()
        .default(false)
        .describe(
          'Refuse pulls of images without a cosign signature (metadata enable_content_trust_cosign). Default false.',
        ),
      notation: z
        .boolean()
        .default(false)
        .describe(
          'Refuse pulls of images without a Notation signature (metadata enable_content_trust, which Harbor 2.9+ enforces with Notation). Default false.',
        ),
    })
    .strict()
    .optional()
    .describe(
      "Harbor's content trust: which signatures an image needs before Harbor lets it be pulled. When absent, the project's content-trust settings are left as they are, so a re-run never turns signing off.",
    ),
  reuseSystemCveAllowlist: z
    .boolean()
    .default(true)
    .describe(
      'Use the system CVE allowlist instead of a project one. Default true.',
    ),
  storageQuota: parsedField(z, parseQuota)
    .optional()
    .describe(
      `The project's storage quota: ${QUOTA_RULE}. The quota is left as Harbor has it when absent.`,
    ),
}));

/** The project as the reconciler takes it. */
function projectRequest(
  request: ReturnType<typeof input.parse>,
): ProjectRequest {
  const storageQuota =
    request.storageQuota === undefined
      ? undefined
      : parseQuota(request.storageQuota);
  return {
    name: request.project,
    public: request.public,
    autoScan: request.autoScan,
    preventVulnerable:
      request.preventVulnerableImages?.severity ?? request.preventVulnerable,
    contentTrust: request.contentTrust,
    reuseSystemCveAllowlist: request.reuseSystemCveAllowlist,
    storageQuotaBytes:
      storageQuota && 'bytes' in storageQuota ? storageQuota.bytes : undefined,
  };
}

/**
 * The project, then its owner. A project this run created is removed when the run fails before its owner is
 * recorded: left without one, it could only be adopted by the platform team, so a re-run would be refused.
 */
async function reconcileProjectAndOwner(
  plan: Plan,
  client: HarborClient,
  request: ReturnType<typeof input.parse>,
  ownership: ProjectOwnership,
  logger: LoggerService,
) {
  try {
    const reconciled = await new ProjectReconciler(client, plan).reconcile(
      projectRequest(request),
    );
    await reconcileProjectOwner(plan, client, request.project, ownership);
    return reconciled;
  } catch (error) {
    if (ownership.created && !plan.dryRun) {
      await removeUnownedProject(client, request.project, logger);
    }
    throw error;
  }
}

/** `harbor:project:ensure`: creates or reconciles a Harbor project and its storage quota. */
export function createEnsureProjectAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: ENSURE_PROJECT_ID,
    description:
      'Creates a Harbor project, or reconciles an existing one, with its owner (the backstage.io/owner label), its visibility, scan-on-push, vulnerable-image blocking, content trust (cosign, Notation), CVE allowlist choice and storage quota. Idempotent: a second run changes nothing. A first run that fails before the owner is recorded removes the project it created, so that a re-run starts clean. Supports dry run.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          projectId: z
            .number()
            .optional()
            .describe(
              'The Harbor project id; absent in a dry run for a project that does not exist yet.',
            ),
          projectName: z.string().describe('The Harbor project name.'),
          projectUrl: z
            .string()
            .describe(
              'The project in the Harbor UI (the project list in a dry run of a new project).',
            ),
          repositoryPrefix: z
            .string()
            .describe(
              'Where images of the project are pushed: <registry host>/<project>.',
            ),
          plan: planOutput(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_PROJECT_ID, ctx.input);
      if (request.preventVulnerable && request.preventVulnerableImages) {
        throw new InputError(
          `Invalid input to ${ENSURE_PROJECT_ID}: give preventVulnerable or preventVulnerableImages.severity, not both`,
        );
      }
      const client = clientFor(options.clients, request.instance, ctx.signal);
      const ownership = await authorizeProjectEnsure(
        ctx,
        options.authorizer,
        client,
        request,
      );
      const result = await runPlan(
        ctx,
        `Harbor project ${request.project}`,
        plan =>
          reconcileProjectAndOwner(
            plan,
            client,
            request,
            ownership,
            ctx.logger,
          ),
      );

      const { uiUrl, hosts } = client.instance;
      if (result.projectId !== undefined)
        ctx.output('projectId', result.projectId);
      ctx.output('projectName', request.project);
      ctx.output(
        'projectUrl',
        result.projectId === undefined
          ? `${uiUrl}/harbor/projects`
          : `${uiUrl}/harbor/projects/${result.projectId}`,
      );
      ctx.output('repositoryPrefix', `${hosts[0]}/${request.project}`);
    },
  });
}
