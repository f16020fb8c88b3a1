import type {
  HarborClient,
  HarborRobot,
  RobotSecretOwner,
  RobotSecretState,
  RobotSecretStore,
} from '@backstage-harbor/plugin-harbor-node';
import { robotSecretName } from '@backstage-harbor/harbor-platform-manifests';
import { ConflictError, isError } from '@backstage/errors';
import { Plan } from './plan';
import { requireProject } from './projects';

/** The least permissions for what the robot is for. */
export const ROBOT_ACCESS = {
  pull: [{ resource: 'repository', action: 'pull' }],
  'pull+push': [
    { resource: 'repository', action: 'pull' },
    { resource: 'repository', action: 'push' },
  ],
} as const;
export type RobotAccess = keyof typeof ROBOT_ACCESS;

/** A robot as requested, already validated. */
export interface RobotRequest {
  name: string;
  access: RobotAccess;
  /** Days until it expires; never when absent. */
  expiresInDays?: number;
  description?: string;
  /** Where its credentials are written. */
  secretName: string;
}

export interface RobotResult {
  name: string;
  fullName: string;
  /** Absent in a dry run for a robot that does not exist yet. */
  id?: number;
  secretName: string;
  secretNamespace: string;
}

/**
 * The Secret name a robot's credentials get unless one is chosen: the one harbor:team:render delivers
 * (harbor-platform-manifests), a DNS-1123 form of project and robot name.
 */
export const defaultSecretName = robotSecretName;

function accessKey(
  access: ReadonlyArray<{
    resource?: string;
    action?: string;
    effect?: string;
  }>,
) {
  return access
    .filter(a => (a.effect ?? 'allow') === 'allow')
    .map(a => `${a.resource}:${a.action}`)
    .sort()
    .join(',');
}

/** A robot's name in Harbor is `<prefix><project>+<name>`, the prefix being `robot$` unless reconfigured. */
function isRobotNamed(robot: HarborRobot, project: string, name: string) {
  const suffix = `${project}+${name}`;
  return robot.name === suffix || Boolean(robot.name?.endsWith(`$${suffix}`));
}

/** What every result of a robot has, whatever happens to it. */
type ResultBase = Omit<RobotResult, 'fullName' | 'id'>;

interface Observed {
  request: RobotRequest;
  robot?: HarborRobot;
  secret: RobotSecretState;
}

/**
 * Project robots with the least permissions, whose secret is written to the {@link RobotSecretStore} and
 * nowhere else: never an output, never a log line. Harbor gives a secret only on create and on refresh
 * (harbor-api.md §4), so an existing robot is kept and refreshed only when its Secret is missing or belongs to an
 * older robot of the same name; a robot is never created twice. If writing the Secret fails after the robot was
 * created, the next run finds the robot without its Secret and refreshes it: no robot is left whose secret
 * nobody holds.
 */
export class RobotReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly store: RobotSecretStore,
    private readonly plan: Plan,
  ) {}

  async reconcile(
    project: string,
    requests: RobotRequest[],
  ): Promise<RobotResult[]> {
    const found = await requireProject(this.client, project, this.plan.dryRun);
    const robots = found
      ? await this.client.robots.listByProject(found.project_id!)
      : [];

    // Every read and every check before the first write.
    const observed: Observed[] = [];
    for (const request of requests) {
      const robot = robots.find(r => isRobotNamed(r, project, request.name));
      const secret = await this.store.inspect(request.secretName);
      this.checkSecretIsOurs(project, request, secret);
      observed.push({ request, robot, secret });
    }

    const results: RobotResult[] = [];
    for (const item of observed) {
      results.push(await this.reconcileOne(project, item));
    }
    return results;
  }

  private checkSecretIsOurs(
    project: string,
    request: RobotRequest,
    secret: RobotSecretState,
  ) {
    if (!secret.exists) return;
    const where = `Secret ${request.secretName} in ${this.store.location}`;
    if (!secret.managed) {
      throw new ConflictError(
        `${where} exists and is not managed by backstage-harbor; choose another secretName for robot ${request.name}`,
      );
    }
    const suffix = `${project}+${request.name}`;
    const sameInstance =
      !secret.instance || secret.instance === this.client.instance.name;
    if (
      secret.robotFullName &&
      (!secret.robotFullName.endsWith(suffix) || !sameInstance)
    ) {
      throw new ConflictError(
        `${where} holds the credentials of ${secret.robotFullName}${
          secret.instance ? ` of Harbor instance '${secret.instance}'` : ''
        }; choose another secretName for robot ${request.name}`,
      );
    }
  }

  private wantedPermissions(project: string, request: RobotRequest) {
    return [
      {
        kind: 'project',
        namespace: project,
        access: ROBOT_ACCESS[request.access].map(a => ({
          ...a,
          effect: 'allow',
        })),
      },
    ];
  }

  private async reconcileOne(
    project: string,
    item: Observed,
  ): Promise<RobotResult> {
    const base = {
      name: item.request.name,
      secretName: item.request.secretName,
      secretNamespace: this.store.namespace,
    };
    return item.robot
      ? this.reconcileExisting(project, item, item.robot, base)
      : this.create(project, item, base);
  }

  private expiry(request: RobotRequest): { duration: number; text: string } {
    const duration = request.expiresInDays ?? -1;
    return {
      duration,
      text: duration === -1 ? 'never expires' : `expires in ${duration} days`,
    };
  }

  private async create(
    project: string,
    { request, secret }: Observed,
    base: ResultBase,
  ): Promise<RobotResult> {
    const { duration, text } = this.expiry(request);
    const apply = this.plan.change(
      `robot ${request.name} of project ${project}`,
      'create',
      `${accessKey(ROBOT_ACCESS[request.access])}, ${text}`,
    );
    this.plan.change(
      `Secret ${request.secretName}`,
      'write-secret',
      `credentials of the new robot into ${this.store.location}`,
    );
    if (!apply)
      return { ...base, fullName: `robot$${project}+${request.name}` };
    let created: { id?: number; name?: string; secret?: string } | undefined;
    try {
      created = await this.client.robots.create({
        name: request.name,
        description:
          request.description ??
          `Managed by Backstage: ${request.access} robot of project ${project}`,
        level: 'project',
        duration,
        disable: false,
        permissions: this.wantedPermissions(project, request),
      });
    } catch (error) {
      if (!(isError(error) && error.name === 'ConflictError')) throw error;
    }
    if (!created?.secret) {
      // 409: an earlier attempt created it but its answer was lost. Refresh rather than create a second one.
      const again = (
        await this.client.robots.listByProject(
          (
            await this.client.projects.get(project)
          ).project_id!,
        )
      ).find(r => isRobotNamed(r, project, request.name));
      if (!again?.id)
        throw new Error(
          `robot ${request.name} of project ${project} is neither created nor found`,
        );
      return this.refreshAndWrite(project, request, again, secret, base);
    }
    return this.writeSecret(
      project,
      request,
      created,
      created.secret,
      secret,
      base,
    );
  }

  private async reconcileExisting(
    project: string,
    { request, secret }: Observed,
    robot: HarborRobot,
    base: ResultBase,
  ): Promise<RobotResult> {
    const resource = `robot ${robot.name}`;
    const secretResource = `Secret ${request.secretName}`;
    const { duration, text } = this.expiry(request);
    const drift = this.robotDrift(project, request, robot, duration);
    if (drift.length) {
      this.plan.drift(resource, drift.join(', '));
      if (this.plan.change(resource, 'update', drift.join(', '))) {
        await this.client.robots.update(robot.id!, {
          ...robot,
          description: request.description ?? robot.description,
          duration,
          disable: false,
          permissions: this.wantedPermissions(project, request),
        });
      }
    } else {
      this.plan.inPlace(
        resource,
        `${accessKey(ROBOT_ACCESS[request.access])}, ${text}`,
      );
    }

    const result = { ...base, fullName: robot.name!, id: robot.id };
    const stale =
      secret.exists &&
      secret.robotId !== undefined &&
      secret.robotId !== robot.id;
    if (secret.exists && !stale) {
      this.plan.inPlace(
        secretResource,
        `holds the credentials of ${robot.name}`,
      );
      return result;
    }
    this.plan.drift(
      secretResource,
      stale
        ? `holds the credentials of an earlier robot ${secret.robotId}, not of ${robot.id}`
        : `${robot.name} exists but its Secret is missing from ${this.store.location}`,
    );
    if (this.plan.dryRun) {
      this.plan.change(
        resource,
        'refresh-secret',
        'Harbor never shows a secret again: a new one is generated',
      );
      this.plan.change(
        secretResource,
        'write-secret',
        `credentials of ${robot.name} into ${this.store.location}`,
      );
      return result;
    }
    return this.refreshAndWrite(project, request, robot, secret, base);
  }

  private async refreshAndWrite(
    project: string,
    request: RobotRequest,
    robot: HarborRobot,
    secret: RobotSecretState,
    resultBase: ResultBase,
  ): Promise<RobotResult> {
    this.plan.change(
      `robot ${robot.name}`,
      'refresh-secret',
      'Harbor never shows a secret again: a new one is generated',
    );
    const refreshed = await this.client.robots.refreshSecret(robot.id!);
    if (!refreshed.secret) {
      throw new Error(
        `Harbor answered the secret refresh of ${robot.name} without a secret`,
      );
    }
    this.plan.change(
      `Secret ${request.secretName}`,
      'write-secret',
      `credentials of ${robot.name} into ${this.store.location}`,
    );
    return this.writeSecret(
      project,
      request,
      robot,
      refreshed.secret,
      secret,
      resultBase,
    );
  }

  /** The robot's credentials into its Secret (the only place its secret goes), and the robot's result. */
  private async writeSecret(
    project: string,
    request: RobotRequest,
    robot: { id?: number; name?: string },
    robotSecret: string,
    state: RobotSecretState,
    base: ResultBase,
  ): Promise<RobotResult> {
    await this.store.write(
      request.secretName,
      this.owner(project, request, robot.id!, robot.name!),
      robotSecret,
      state,
    );
    return { ...base, fullName: robot.name!, id: robot.id };
  }

  private robotDrift(
    project: string,
    request: RobotRequest,
    robot: HarborRobot,
    duration: number,
  ): string[] {
    const drift: string[] = [];
    const permissions = robot.permissions ?? [];
    const have =
      permissions.length === 1 && permissions[0].namespace === project
        ? accessKey(permissions[0].access ?? [])
        : permissions
            .map(p => `${p.namespace}:[${accessKey(p.access ?? [])}]`)
            .join(' ');
    const want = accessKey(ROBOT_ACCESS[request.access]);
    if (have !== want) drift.push(`permissions ${have || '(none)'} → ${want}`);
    if (robot.duration !== duration)
      drift.push(`duration ${robot.duration} → ${duration} days`);
    if (robot.disable) drift.push('disabled → enabled');
    if (
      request.description !== undefined &&
      robot.description !== request.description
    ) {
      drift.push('description');
    }
    return drift;
  }

  private owner(
    project: string,
    request: RobotRequest,
    id: number,
    fullName: string,
  ): RobotSecretOwner {
    return {
      instance: this.client.instance.name,
      project,
      robotName: request.name,
      robotFullName: fullName,
      robotId: id,
      registry: this.client.instance.hosts[0],
    };
  }
}
