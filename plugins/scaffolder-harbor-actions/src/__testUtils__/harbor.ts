import {
  HarborSimulator,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';

/** The `harbor` config of a simulator, with the admin credentials, as the backend would read it. */
export function harborConfig(sim: HarborSimulator, extra: JsonObject = {}) {
  return {
    harbor: {
      baseUrl: sim.url,
      username: sim.adminCredentials.username,
      password: sim.adminCredentials.password,
      ...extra,
    },
  };
}

export async function startHarbor(seed: 'empty' | 'demo' = 'empty') {
  return startHarborSimulator({ port: 0, seed, validation: 'throw' });
}

/** Real Harbor clients over HTTP; no retry backoff so that fault tests stay fast. */
export function clientsFor(config: JsonObject): HarborClients {
  return HarborClients.fromConfig(new ConfigReader(config), {
    retry: { sleep: async () => {} },
  });
}

export interface LogLine {
  level: string;
  message: string;
  meta?: unknown;
}

/**
 * Runs an action handler with a mock context; returns outputs, every log line and the error it threw. The task's
 * initiator is `credentials`, by default the mock user, who is in the platform team (`permissions.ts`).
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: { dryRun?: boolean; credentials?: BackstageCredentials } = {},
) {
  const outputs: Record<string, unknown> = {};
  const lines: LogLine[] = [];
  const logger: any = {
    child: () => logger,
  };
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    logger[level] = (message: string, meta?: unknown) => {
      lines.push({ level, message, meta });
    };
  }
  // createMockActionContext keeps only some options; the rest is set on the context it returns.
  const ctx = {
    ...createMockActionContext({ input, logger }),
    isDryRun: options.dryRun,
    ...(options.credentials && {
      getInitiatorCredentials: async () => options.credentials!,
    }),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  let error: Error | undefined;
  try {
    await action.handler(ctx);
  } catch (e) {
    error = e as Error;
  }
  return { outputs, lines, error };
}
