import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NewArtifact, pushArtifact } from './builders';
import { adminRouter } from './admin';
import { HarborClock, systemClock } from './clock';
import { HarborResult, SimulatorCore } from './context';
import { HarborFaults } from './faults';
import { ArtifactPageCache } from './pageCache';
import { dispatch } from './pipeline/dispatch';
import {
  Exchange,
  openExchange,
  Step,
  UNANSWERED,
  WRITE_METHODS,
} from './pipeline/exchange';
import { injectFaults } from './pipeline/faults';
import {
  readBody,
  refuseWritesWhenReadOnly,
  validateRequest,
} from './pipeline/requestChecks';
import { ResponseValidation } from './pipeline/responseValidation';
import { routeOperation } from './pipeline/routing';
import { handleOutsideApi, sendResult } from './pipeline/send';
import { specRouter, specValidator } from './pipeline/specOperations';
import { ReplicationJobs } from './replication/jobs';
import { simulatePull } from './registryPull';
import { simulatePush } from './registryPush';
import { HarborRequestLog, HarborRequestLogEntry } from './requestLog';
import { API_BASE } from './routes/common';
import {
  AddArtifactsOptions,
  addArtifacts,
  addDefaultScanner,
  addUsers,
  DEFAULT_USERS,
  HarborSimulatorUser,
  seedDemo,
} from './seed';
import { ArtifactRecord, HarborState } from './state';
import { HarborSpecViolation, HarborValidationMode } from './validation';
import { webhookAdminRouter } from './webhooks/admin';
import { HarborWebhookOptions, HarborWebhooks } from './webhooks/events';
import { pushWithEvents, withCatalogueCves } from './webhooks/push';
import { DEFAULT_SCAN_DURATIONS, ScanDurations } from './vulnerabilities';

export { implementedOperations } from './pipeline/specOperations';

/** What to put in the simulated Harbor at start. @public */
export type HarborSimulatorSeed =
  | 'demo'
  | 'empty'
  | ((state: HarborState, clock: HarborClock) => void);

/** @public */
export interface HarborSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default `demo`. Users and the default Trivy scanner exist with every seed. */
  seed?: HarborSimulatorSeed;
  /** Default `throw`. */
  validation?: HarborValidationMode;
  clock?: HarborClock;
  /** Users accepted with basic auth; default admin/Harbor12345 (sysadmin), alice/Alice12345, bob/Bob12345. */
  users?: HarborSimulatorUser[];
  readOnly?: boolean;
  scanDurations?: Partial<ScanDurations>;
  /** How long a replication or retention execution stays in progress; default 30 s. */
  executionDurationMs?: number;
  harborVersion?: string;
  /** Called for every spec violation, in addition to recording it. */
  onViolation?: (violation: HarborSpecViolation) => void;
  /** Webhook deliveries: Harbor's retry policy by default (see `HarborWebhookRetryPolicy`). */
  webhooks?: HarborWebhookOptions;
}

/**
 * The simulated Harbor as an express app, without a listening server. {@link startHarborSimulator} wraps it.
 *
 * @public
 */
export class HarborSimulatorApp {
  readonly app: express.Express;
  readonly state: HarborState;
  readonly clock: HarborClock;
  readonly faults: HarborFaults;
  readonly log = new HarborRequestLog();
  readonly validation: HarborValidationMode;
  private readonly recorded: HarborSpecViolation[] = [];
  private readonly core: SimulatorCore;
  private readonly hung = new Set<http.ServerResponse>();
  private readonly options: HarborSimulatorOptions;
  private readonly pages = new ArtifactPageCache();
  /** Pull replications from docker-registry endpoints copying in the background. */
  readonly replicationJobs = new ReplicationJobs();
  /** Deliveries of artifact, scan and quota events to the projects' webhook policies. */
  readonly webhooks: HarborWebhooks;
  private readonly responses: ResponseValidation;
  /** What every API request goes through, in order, until one answers. */
  private readonly steps: Step[];
  /** Set by the server once it listens. */
  baseUrl = 'http://127.0.0.1';

  constructor(options: HarborSimulatorOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.faults = new HarborFaults(() => this.clock.now());
    this.validation = options.validation ?? 'throw';
    this.state = new HarborState();
    addUsers(this.state, this.clock, options.users ?? DEFAULT_USERS);
    addDefaultScanner(this.state, this.clock);
    const seed = options.seed ?? 'demo';
    if (seed === 'demo') seedDemo(this.state, this.clock);
    else if (typeof seed === 'function') seed(this.state, this.clock);
    this.state.configuration.read_only = Boolean(options.readOnly);
    this.core = {
      state: this.state,
      clock: this.clock,
      scanDurations: { ...DEFAULT_SCAN_DURATIONS, ...options.scanDurations },
      replicationDurationMs: options.executionDurationMs ?? 30_000,
      harborVersion: options.harborVersion ?? 'v2.15.2-simulator',
      externalUrl: () => this.baseUrl,
      artifactPages: this.pages,
      replicationJobs: this.replicationJobs,
    };
    this.webhooks = new HarborWebhooks(this.core, options.webhooks);
    this.core.webhooks = this.webhooks;
    const record = (v: HarborSpecViolation) => this.record(v);
    this.responses = new ResponseValidation(this.validation, record);
    this.steps = [
      routeOperation,
      injectFaults(this.faults, this.hung, this.clock),
      readBody,
      refuseWritesWhenReadOnly(this.state),
      validateRequest(this.validation, record),
      dispatch(this.core),
    ];
    this.app = this.createApp();
  }

  get violations(): readonly HarborSpecViolation[] {
    return this.recorded;
  }

  clearViolations(): void {
    this.recorded.length = 0;
  }

  /** Answers every hung request's socket with a reset; used when stopping. */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Adds an artifact as a `docker push` would; over-quota pushes throw Harbor's 403 DENIED. */
  push(input: NewArtifact): ArtifactRecord {
    this.pages.invalidate();
    return pushWithEvents(this.state, this.webhooks, input, () =>
      pushArtifact(this.state, this.clock, input),
    );
  }

  addArtifacts(options: AddArtifactsOptions): ArtifactRecord[] {
    this.pages.invalidate();
    const added = addArtifacts(this.state, this.clock, options);
    for (const a of added) this.webhooks.artifactPushed(a, 'admin');
    return added;
  }

  private record(v: HarborSpecViolation) {
    this.recorded.push(v);
    this.options.onViolation?.(v);
    if (this.validation === 'log') {
      // eslint-disable-next-line no-console
      console.warn(
        `harbor-simulator: spec violation in ${v.direction} of ${v.operationId}: ${v.message}`,
      );
    }
  }

  private createApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('query parser', 'simple');
    const raw = express.raw({ type: () => true, limit: '20mb' });
    // Only methods with a body pay for reading one.
    app.use((req, res, next) => {
      if (!WRITE_METHODS.has(req.method)) return next();
      this.pages.invalidate(); // and again once the change is made, see answer()
      return raw(req, res, next);
    });
    // Stand-ins for `docker push` and `docker pull`, outside the Harbor API.
    app.post('/_simulator/push', (req, res) =>
      handleOutsideApi(req, res, this, 201, (principal, body) =>
        simulatePush(
          this.core,
          input => this.push(input),
          principal,
          withCatalogueCves(body),
        ),
      ),
    );
    app.post('/_simulator/pull', (req, res) =>
      handleOutsideApi(req, res, this, 200, (principal, body) =>
        simulatePull(this.core, principal, body),
      ),
    );
    app.use(adminRouter(this));
    app.use(
      webhookAdminRouter({
        state: this.state,
        clock: this.clock,
        webhooks: this.webhooks,
        core: this.core,
      }),
    );
    app.use((req, res) => this.handle(req, res));
    return app;
  }

  private async handle(req: express.Request, res: express.Response) {
    const x = openExchange(req, res, this.state, this.clock.now(), this.log);
    for (const step of this.steps) {
      const outcome = await step(x);
      if (outcome === UNANSWERED) return;
      if (outcome) {
        this.answer(x, outcome);
        return;
      }
    }
  }

  /** Validates the answer against the spec, completes the log entry and sends it. */
  private answer(x: Exchange, result: HarborResult) {
    const checked =
      x.op && x.checkResponse
        ? this.responses.check(x.op, x.method, x.rawPath, result)
        : result;
    x.entry.status = checked.status;
    x.entry.durationMs = Date.now() - x.started;
    if (WRITE_METHODS.has(x.method)) this.pages.invalidate();
    sendResult(x.res, x.method, checked);
  }
}

/** @public */
export function createHarborSimulatorApp(
  options: HarborSimulatorOptions = {},
): HarborSimulatorApp {
  return new HarborSimulatorApp(options);
}

/**
 * A running simulated Harbor.
 *
 * @public
 */
export interface HarborSimulator {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** `url` + `/api/v2.0` */
  readonly apiUrl: string;
  readonly port: number;
  readonly adminCredentials: { username: string; password: string };
  /** All users, e.g. to log in as the non-admin `alice`. */
  readonly users: readonly HarborSimulatorUser[];
  readonly state: HarborState;
  readonly clock: HarborClock;
  readonly faults: HarborFaults;
  readonly requestLog: readonly HarborRequestLogEntry[];
  readonly log: HarborRequestLog;
  clearLog(): void;
  /** Calls that change something (not GET or HEAD). */
  writes(): HarborRequestLogEntry[];
  readonly violations: readonly HarborSpecViolation[];
  clearViolations(): void;
  /** Throws, listing them, when any spec violation was recorded. */
  assertNoViolations(): void;
  setReadOnly(readOnly: boolean): void;
  push(input: NewArtifact): ArtifactRecord;
  addArtifacts(options: AddArtifactsOptions): ArtifactRecord[];
  /**
   * Resolves once no replication is copying from a source registry, so a test on a manual clock can wait
   * for the copy and then advance the clock past the execution's duration.
   */
  replicationsSettled(): Promise<void>;
  /** Webhook deliveries: `webhooks.deliveries`, `await webhooks.settled()`. */
  readonly webhooks: HarborWebhooks;
  readonly app: HarborSimulatorApp;
  stop(): Promise<void>;
}

/** @public */
export async function startHarborSimulator(
  options: HarborSimulatorOptions = {},
): Promise<HarborSimulator> {
  const sim = new HarborSimulatorApp(options);
  specRouter();
  if ((options.validation ?? 'throw') !== 'off') specValidator();
  const server = http.createServer(sim.app);
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sim.baseUrl = url;
  const users = options.users ?? DEFAULT_USERS;
  const admin = users.find(u => u.sysadmin) ?? users[0];
  let stopped: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}${API_BASE}`,
    port,
    adminCredentials: { username: admin.username, password: admin.password },
    users,
    state: sim.state,
    clock: sim.clock,
    faults: sim.faults,
    get requestLog() {
      return sim.log.entries;
    },
    log: sim.log,
    clearLog: () => sim.log.clear(),
    writes: () => sim.log.writes(),
    get violations() {
      return sim.violations;
    },
    clearViolations: () => sim.clearViolations(),
    assertNoViolations() {
      if (sim.violations.length) {
        // Reported once: the next test starts clean instead of failing for this one's violations too.
        const found = [...sim.violations];
        sim.clearViolations();
        throw new Error(
          `Harbor API spec violations:\n${found
            .map(
              v =>
                `- ${v.direction} ${v.method} ${v.path} (${v.operationId}${
                  v.status ? ` ${v.status}` : ''
                }): ${v.message}`,
            )
            .join('\n')}`,
        );
      }
    },
    setReadOnly(readOnly: boolean) {
      sim.state.configuration.read_only = readOnly;
    },
    push: input => sim.push(input),
    addArtifacts: o => sim.addArtifacts(o),
    replicationsSettled: () => sim.replicationJobs.settled(),
    webhooks: sim.webhooks,
    app: sim,
    stop() {
      stopped ??= Promise.all([
        sim.replicationJobs.abortAll(),
        sim.webhooks.stop(),
      ]).then(
        () =>
          new Promise<void>(resolve => {
            sim.releaseHung();
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      return stopped;
    },
  };
}
