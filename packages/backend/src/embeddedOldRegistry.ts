import type { AppConfig, Config } from '@backstage/config';
import {
  DockerRegistryFixture,
  missingTools,
  startDockerRegistry,
} from '@backstage-harbor/old-registry';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** The demo's old registry: where Backstage reaches it. */
export const EMBEDDED_OLD_REGISTRY_PORT = 7011;

/**
 * What the demo's old registry holds, named like the demo Harbor's projects: old releases Harbor never got, among
 * them older builds of the orders team's nightly report that a demo pod still pulls from the old host. No tag is
 * one the demo Harbor already has: the replication policies override tags on another digest, and a demo migration
 * must not replace the seeded images that the component pages' vulnerability views show (nightly-report:2023.12
 * with Log4Shell).
 */
export const EMBEDDED_OLD_REPOSITORIES: ReadonlyArray<{
  repository: string;
  tags: string[];
  variant: string;
}> = [
  {
    repository: 'team-a/batch/nightly-report',
    tags: ['2023.10'],
    variant: 'report-10',
  },
  {
    repository: 'team-a/batch/nightly-report',
    tags: ['2023.11'],
    variant: 'report-11',
  },
  { repository: 'team-a/web', tags: ['v0.9.0'], variant: 'web-09' },
  { repository: 'team-b/payments', tags: ['0.9.0'], variant: 'payments' },
  { repository: 'platform/team/app', tags: ['2.2.0'], variant: 'app-22' },
  { repository: 'tools/backup', tags: ['1.0', 'latest'], variant: 'backup' },
];

const REPOSITORY_COUNT = new Set(
  EMBEDDED_OLD_REPOSITORIES.map(r => r.repository),
).size;

/** Where the demo's rules send them: one project per team, the rest to `legacy`. */
export const EMBEDDED_MIGRATION_RULES = [
  { prefix: 'team-a/', project: 'team-a' },
  { prefix: 'team-b/', project: 'team-b' },
  { prefix: 'platform/', project: 'platform' },
  { prefix: '', project: 'legacy' },
];

const SOURCE_KEY = 'harbor.migration.sourceRegistry';
const RULES_KEY = 'harbor.migration.rules';
const TTL_KEY = 'harbor.cache.migrationTtl';
/**
 * The demo's migration status cache: short, so that the page shows the demo migration's outcome a few seconds
 * after the template has run instead of after the default 5 minutes (one refresh reads the few demo tags only).
 */
export const EMBEDDED_MIGRATION_TTL = { seconds: 15 };
const ENABLE_HINT =
  'install the Debian packages docker-registry skopeo umoci to have the demo start one';

/** What the port answers until the registry serves: a Registry v2 error, which the migration page shows. */
const BEING_FILLED =
  'the demo backend is still filling its embedded old registry: try again in a few seconds';
const NOT_FILLED =
  'the demo backend could not fill its embedded old registry: its log says why';

/** Whether the demo runs an old registry, as decided from the config the backend read. */
export type EmbeddedOldRegistryPlan =
  | { kind: 'configured' }
  | { kind: 'missing-tools'; tools: string[] }
  /** `demoRules`, `demoTtl`: whether the demo's rules and status cache TTL apply (not configured). */
  | { kind: 'embedded'; demoRules: boolean; demoTtl: boolean };

/**
 * The demo's old registry, when `harbor.migration.sourceRegistry` is not configured and Debian's docker-registry,
 * skopeo and umoci are installed: a real registry on 127.0.0.1 with a password made at start (never logged),
 * holding {@link EMBEDDED_OLD_REPOSITORIES}.
 *
 * Its address and credentials are fixed before it runs, so the root config names it from the start
 * ({@link EmbeddedOldRegistry.configLayer}) and every reader of the config (the migration page, the migration
 * actions, the cluster views' old registry hosts) sees it as if it were configured. Filling it takes seconds of
 * skopeo and umoci, so it happens after the backend has started ({@link EmbeddedOldRegistry.fill}); until then the
 * port answers 503 "still filling" ({@link EmbeddedOldRegistry.listen}) rather than a partial inventory that the
 * migration page would cache or a demo migration would replicate.
 */
export class EmbeddedOldRegistry {
  readonly url: string;
  readonly #port: number;
  readonly #missing: () => string[];
  readonly #username = 'demo-migrator';
  readonly #password = randomBytes(18).toString('base64url');
  #plan: EmbeddedOldRegistryPlan = { kind: 'configured' };
  #missingTools?: string[];
  #placeholder?: http.Server;
  #unavailable = BEING_FILLED;
  #filling?: DockerRegistryFixture;
  #registry?: DockerRegistryFixture;
  #storageDir?: string;
  #filled?: Promise<void>;
  #stopped = false;

  constructor(
    options: {
      port?: number;
      /** The commands not installed; for tests. */
      missing?: () => string[];
    } = {},
  ) {
    this.#port = options.port ?? EMBEDDED_OLD_REGISTRY_PORT;
    this.url = `http://127.0.0.1:${this.#port}`;
    this.#missing =
      options.missing ??
      (() => missingTools('docker-registry', 'skopeo', 'umoci'));
  }

  /** The decision of the last {@link EmbeddedOldRegistry.configLayer}. */
  get plan(): EmbeddedOldRegistryPlan {
    return this.#plan;
  }

  /**
   * What the demo adds to the config the backend read: the registry's address and credentials, and
   * `harbor.migration.rules` ({@link EMBEDDED_MIGRATION_RULES}) and a short `harbor.cache.migrationTtl`
   * ({@link EMBEDDED_MIGRATION_TTL}) unless configured; nothing when an old registry is configured or the tools
   * are missing.
   */
  configLayer(config: Config): AppConfig['data'] | undefined {
    if (config.has(SOURCE_KEY)) {
      this.#plan = { kind: 'configured' };
      return undefined;
    }
    this.#missingTools ??= this.#missing();
    if (this.#missingTools.length) {
      this.#plan = { kind: 'missing-tools', tools: this.#missingTools };
      return undefined;
    }
    this.#plan = {
      kind: 'embedded',
      demoRules: !config.has(RULES_KEY),
      demoTtl: !config.has(TTL_KEY),
    };
    const migration: AppConfig['data'] = {
      sourceRegistry: {
        url: this.url,
        username: this.#username,
        password: this.#password,
      },
    };
    if (this.#plan.demoRules) migration.rules = EMBEDDED_MIGRATION_RULES;
    const harbor: AppConfig['data'] = { migration };
    if (this.#plan.demoTtl)
      harbor.cache = { migrationTtl: EMBEDDED_MIGRATION_TTL };
    return { harbor };
  }

  /** The one line the backend logs about it at start. */
  describe(): string | undefined {
    const plan = this.#plan;
    if (plan.kind === 'configured') return undefined;
    if (plan.kind === 'missing-tools') {
      return `No old registry configured (${SOURCE_KEY}) and ${plan.tools.join(
        ', ',
      )} not found: the migration page explains how to configure one; ${ENABLE_HINT}`;
    }
    return `No old registry configured (${SOURCE_KEY}): the migration page reads an embedded docker-registry at ${
      this.url
    } with ${REPOSITORY_COUNT} repositories, filled once the backend has started${
      plan.demoRules ? `, mapped by demo rules (${RULES_KEY})` : ''
    }${
      plan.demoTtl
        ? `, status cached for ${EMBEDDED_MIGRATION_TTL.seconds} s (${TTL_KEY})`
        : ''
    }`;
  }

  /** Takes the port: every request is answered 503 "still filling" until {@link EmbeddedOldRegistry.fill} ends. */
  async listen(): Promise<void> {
    const body = () =>
      JSON.stringify({
        errors: [{ code: 'UNAVAILABLE', message: this.#unavailable }],
      });
    const server = http.createServer((_req, res) => {
      res.writeHead(503, {
        'Content-Type': 'application/json',
        'Retry-After': '5',
      });
      res.end(body());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#placeholder = server;
  }

  /**
   * Pushes {@link EMBEDDED_OLD_REPOSITORIES} into a registry on a free port, then serves that storage on the
   * registry's port in place of the placeholder. Resolves when the registry serves all of them; later calls get
   * the same fill.
   */
  fill(): Promise<void> {
    this.#filled ??= this.#fill();
    return this.#filled;
  }

  async #fill(): Promise<void> {
    const auth = {
      type: 'basic' as const,
      username: this.#username,
      password: this.#password,
    };
    try {
      this.#storageDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'embedded-old-registry-'),
      );
      const filling = await startDockerRegistry({
        auth,
        storageDir: this.#storageDir,
      });
      this.#filling = filling;
      try {
        for (const image of EMBEDDED_OLD_REPOSITORIES) {
          if (this.#stopped) return;
          await filling.push(image.repository, image.tags, {
            variant: image.variant,
          });
        }
      } finally {
        await filling.stop();
        this.#filling = undefined;
      }
      if (this.#stopped) return;
      await this.#closePlaceholder();
      this.#registry = await startDockerRegistry({
        auth,
        storageDir: this.#storageDir,
        port: this.#port,
      });
    } catch (error) {
      if (this.#stopped) return;
      this.#unavailable = NOT_FILLED;
      // skopeo's failures quote its command line, credentials included.
      const reason = String(
        error instanceof Error ? error.message : error,
      ).replaceAll(this.#password, '[redacted]');
      throw new Error(
        `The embedded old registry at ${this.url} could not be filled: ${reason}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#closePlaceholder();
    // A fill in progress ends at its next step (a push takes a fraction of a second).
    await this.#filled?.catch(() => undefined);
    await this.#registry?.stop();
    this.#removeStorage();
  }

  /** Kills the registries and removes their folders at once, e.g. in a `process.on('exit')` handler. */
  killNow(): void {
    this.#stopped = true;
    this.#placeholder?.close();
    this.#filling?.killNow();
    this.#registry?.killNow();
    this.#removeStorage();
  }

  async #closePlaceholder(): Promise<void> {
    const server = this.#placeholder;
    this.#placeholder = undefined;
    if (!server) return;
    await new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }

  #removeStorage() {
    if (this.#storageDir)
      fs.rmSync(this.#storageDir, { recursive: true, force: true });
  }
}
