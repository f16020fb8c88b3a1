/*
 * The two existing Harbor backend plugins the benchmarks compare ours with. They are installed in bench/node_modules
 * with `npm ci --legacy-peer-deps` in bench/ (not part of the Yarn workspace); a benchmark measures without them
 * when they are missing.
 */
/* eslint-disable no-console */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import path from 'node:path';
import type { BackendFeature, BackstageBackend } from './backstage';
import { startBackstageBackend } from './backstage';
import type { HarborConnection } from './harborBackend';
import { listen, LocalServer } from './http';
import { silentLogger } from './silentLogger';

const BESTSELLER = '@bestsellerit/backstage-plugin-harbor-backend';
const DIGITALIST = '@digitalist-open-cloud/backstage-plugin-harbor-backend';

/** Both plugins' route for one page of a repository's artifacts (no cache), under their mount point. */
export function artifactsPath(project: string, repository: string): string {
  return `/artifacts?project=${project}&repository=${repository}`;
}

/** The module from bench/node_modules, or undefined (with a warning) when it is not installed or fails to load. */
export function loadComparison(name: string): any | undefined {
  try {
    return require(path.join(__dirname, '..', 'node_modules', name));
  } catch (error) {
    console.warn(
      `Not measured: ${name} could not be loaded: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
    return undefined;
  }
}

export interface ComparisonApp {
  label: string;
  /** Where the plugin's router is mounted (`…/api/harbor`); undefined when the plugin could not be loaded. */
  url?: string;
}

/**
 * Each plugin's router on its own bare express app, at `/api/harbor`, without authentication (as the benchmarks
 * measured them first): bestseller's legacy `createRouter`, digitalist's router module.
 */
export async function startBareComparisons(
  harbor: HarborConnection,
): Promise<{ apps: ComparisonApp[]; servers: LocalServer[] }> {
  const config = new ConfigReader({ harbor });
  const comparisons = [
    {
      label: `${BESTSELLER} 0.3.2 (legacy createRouter on a bare express app, no auth)`,
      module: BESTSELLER,
    },
    {
      label: `${DIGITALIST} 0.9.0 (its router on a bare express app, no auth)`,
      module: `${DIGITALIST}/dist/service/router.cjs.js`,
    },
  ];
  const apps: ComparisonApp[] = [];
  const servers: LocalServer[] = [];
  for (const c of comparisons) {
    const mod = loadComparison(c.module);
    if (!mod?.createRouter) {
      apps.push({ label: c.label });
      continue;
    }
    const app = express();
    const router = await mod.createRouter({ logger: silentLogger, config });
    app.use('/api/harbor', router);
    const server = await listen(app);
    servers.push(server);
    apps.push({ label: c.label, url: `${server.url}/api/harbor` });
  }
  return { apps, servers };
}

/** Bestseller's legacy router, mounted the way a new backend mounts one: a plugin whose init uses it. */
function legacyRouterPlugin(createRouter: (deps: object) => Promise<any>) {
  return createBackendPlugin({
    pluginId: 'harbor-legacy',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
        },
        async init(deps) {
          deps.httpRouter.use(await createRouter(deps));
        },
      });
    },
  });
}

/**
 * Both plugins as they are deployed: inside one Backstage backend (authentication, the root HTTP router's
 * middleware), like ours. Digitalist's is its own new-backend-system plugin (at `/api/harbor`); bestseller's
 * legacy router is wrapped in a plugin (at `/api/harbor-legacy`). A plugin that could not be loaded is left out:
 * its route answers 404.
 */
export async function startComparisonBackend(options: {
  port: number;
  harbor: HarborConnection;
}): Promise<{ backend: BackstageBackend; apps: ComparisonApp[] }> {
  const features: BackendFeature[] = [];
  const legacy = loadComparison(BESTSELLER);
  if (legacy?.createRouter) {
    features.push(legacyRouterPlugin(legacy.createRouter));
  }
  const digitalist = loadComparison(DIGITALIST);
  if (digitalist?.default) features.push(digitalist.default);
  const backend = await startBackstageBackend({
    port: options.port,
    features,
    config: { harbor: options.harbor },
  });
  const apps = [
    {
      label: `${BESTSELLER} 0.3.2 (legacy createRouter wrapped in a Backstage backend)`,
      url: `${backend.url}/api/harbor-legacy`,
    },
    {
      label: `${DIGITALIST} 0.9.0 (its plugin in a Backstage backend)`,
      url: `${backend.url}/api/harbor`,
    },
  ];
  return { backend, apps };
}
