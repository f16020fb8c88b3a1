import { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import { KubernetesSimulator } from '@backstage-harbor/kubernetes-simulator';
import { ConfigReader } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { createHarborActions } from '../actions';
import { GitopsRig, startGitops } from './gitops';
import { clientsFor, harborConfig, runAction, startHarbor } from './harbor';
import { robotSecretsConfig, startKubernetes } from './kubernetes';
import { testAuthorizer } from './permissions';

/** Both simulators and every action, wired from config as the module wires them. */
export interface Harness {
  sim: HarborSimulator;
  k8s: KubernetesSimulator;
  /** The platform repository on a real Git server (harbor.gitops.defaultRepoUrl). */
  gitops: GitopsRig;
  config: JsonObject;
  actions: Record<string, TemplateAction<any, any, any>>;
  run(
    id: string,
    input: JsonObject,
    options?: { dryRun?: boolean; credentials?: BackstageCredentials },
  ): ReturnType<typeof runAction>;
  clearLogs(): void;
  stop(): Promise<void>;
}

export async function startHarness(
  options: {
    harbor?: JsonObject;
    seed?: 'empty' | 'demo';
    /** `permission.enabled`; on by default, with the demo-like policy of `permissions.ts`. */
    permissionFramework?: boolean;
  } = {},
): Promise<Harness> {
  const sim = await startHarbor(options.seed);
  const k8s = await startKubernetes();
  const gitops = await startGitops();
  const config = harborConfig(sim, {
    robotSecrets: robotSecretsConfig(k8s),
    members: { groupType: 'oidc' },
    gitops: gitops.config,
    ...options.harbor,
  });
  const frameworkEnabled = options.permissionFramework ?? true;
  Object.assign(config, { permission: { enabled: frameworkEnabled } });
  const list = createHarborActions({
    clients: clientsFor(config),
    config: new ConfigReader(config),
    authorizer: testAuthorizer({ frameworkEnabled }),
  });
  const actions = Object.fromEntries(list.map(a => [a.id, a]));
  return {
    sim,
    k8s,
    gitops,
    config,
    actions,
    run: (id, input, runOptions) => runAction(actions[id], input, runOptions),
    clearLogs() {
      sim.clearLog();
      k8s.requestLog.clear();
    },
    async stop() {
      await sim.stop();
      await k8s.stop();
      await gitops.stop();
    },
  };
}
