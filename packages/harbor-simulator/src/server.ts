import express from 'express';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth';
import { NewArtifact, pushArtifact } from './builders';
import { HarborClock, systemClock } from './clock';
import {
  HarborContext,
  HarborPrincipal,
  HarborResult,
  SimulatorCore,
  principalName,
} from './context';
import { HarborError, badRequest } from './errors';
import { errorCodeForStatus, HarborFaults } from './faults';
import { ArtifactPageCache } from './pageCache';
import { requireProjectAccess } from './rbac';
import { ReplicationJobs } from './replication/jobs';
import { simulatePull } from './registryPull';
import { HarborRequestLog, HarborRequestLogEntry } from './requestLog';
import { harborRoutes } from './routes';
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
import {
  listSpecOperations,
  loadHarborOpenApi,
  SpecOperation,
  SpecRouter,
} from './spec';
import { ArtifactRecord, HarborState } from './state';
import {
  HarborSpecViolation,
  HarborValidationMode,
  SpecValidator,
} from './validation';
import { DEFAULT_SCAN_DURATIONS, ScanDurations } from './vulnerabilities';

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
}

const JSON_TYPE = 'application/json';
const ERROR_TYPE = 'application/json; charset=utf-8';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let sharedRouter:
  | { router: SpecRouter; operations: SpecOperation[] }
  | undefined;
let sharedValidator: SpecValidator | undefined;

/** Parses the spec once per process. */
function specRouter() {
  if (!sharedRouter) {
    const operations = listSpecOperations(loadHarborOpenApi());
    sharedRouter = { router: new SpecRouter(operations), operations };
  }
  return sharedRouter;
}

/** Compiles the validators of the implemented operations once per process. */
function specValidator(): SpecValidator {
  if (!sharedValidator) {
    const validator = new SpecValidator(loadHarborOpenApi());
    validator.precompile(
      specRouter().operations.filter(op => harborRoutes[op.operationId]),
    );
    sharedValidator = validator;
  }
  return sharedValidator;
}

/** The operationIds the simulator implements. @public */
export function implementedOperations(): string[] {
  return Object.keys(harborRoutes).sort();
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
  readonly faults = new HarborFaults();
  readonly log = new HarborRequestLog();
  readonly validation: HarborValidationMode;
  private readonly recorded: HarborSpecViolation[] = [];
  private readonly core: SimulatorCore;
  private readonly hung = new Set<http.ServerResponse>();
  private readonly options: HarborSimulatorOptions;
  private readonly pages = new ArtifactPageCache();
  /** Pull replications from docker-registry endpoints copying in the background. */
  readonly replicationJobs = new ReplicationJobs();
  /** Response issues of a cached page body, by operation and status: the same bytes validate the same. */
  private readonly pageIssues = new WeakMap<
    Buffer,
    Map<string, ReturnType<SpecValidator['validateResponse']>>
  >();
  /** Set by the server once it listens. */
  baseUrl = 'http://127.0.0.1';

  constructor(options: HarborSimulatorOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
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
    return pushArtifact(this.state, this.clock, input);
  }

  addArtifacts(options: AddArtifactsOptions): ArtifactRecord[] {
    this.pages.invalidate();
    return addArtifacts(this.state, this.clock, options);
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
      this.pages.invalidate(); // and again once the change is made, see handle()
      return raw(req, res, next);
    });
    app.post('/_simulator/push', (req, res) => this.handlePush(req, res));
    app.post('/_simulator/pull', (req, res) =>
      this.handleOutsideApi(req, res, (principal, body) =>
        simulatePull(this.core, principal, body),
      ),
    );
    app.use((req, res) => this.handle(req, res));
    return app;
  }

  /**
   * A stand-in for `docker push`, outside the Harbor API: `{project, repository, tags, size}` with basic
   * auth needing `repository:push` in the project.
   */
  private handlePush(req: express.Request, res: express.Response) {
    const requestId = String(req.headers['x-request-id'] ?? randomUUID());
    res.setHeader('X-Request-Id', requestId);
    try {
      const body = JSON.parse(
        Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '{}',
      );
      const principal = authenticate(this.state, req.headers, this.clock.now());
      const project = this.state.projectByName(String(body.project));
      if (!project)
        throw new HarborError(
          404,
          'NOT_FOUND',
          `project ${body.project} not found`,
        );
      requireProjectAccess(
        { core: this.core, principal } as HarborContext,
        project,
        'repository',
        'push',
      );
      const artifact = this.push({
        ...body,
        project: project.name,
        operator: principalName(principal),
      });
      res
        .status(201)
        .type(JSON_TYPE)
        .send(JSON.stringify({ digest: artifact.digest, id: artifact.id }));
    } catch (e) {
      const err =
        e instanceof HarborError ? e : badRequest(String((e as Error).message));
      res
        .status(err.status)
        .type(ERROR_TYPE)
        .send(JSON.stringify(err.toBody()));
    }
  }

  /** Runs a `/_simulator/*` stand-in with basic auth and Harbor's error shape. */
  private handleOutsideApi(
    req: express.Request,
    res: express.Response,
    run: (principal: HarborPrincipal, body: any) => unknown,
  ) {
    res.setHeader(
      'X-Request-Id',
      String(req.headers['x-request-id'] ?? randomUUID()),
    );
    try {
      const body = JSON.parse(
        Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '{}',
      );
      const principal = authenticate(this.state, req.headers, this.clock.now());
      res
        .status(200)
        .type(JSON_TYPE)
        .send(JSON.stringify(run(principal, body)));
    } catch (e) {
      const err =
        e instanceof HarborError ? e : badRequest(String((e as Error).message));
      res
        .status(err.status)
        .type(ERROR_TYPE)
        .send(JSON.stringify(err.toBody()));
    }
  }

  private async handle(req: express.Request, res: express.Response) {
    const started = Date.now();
    const requestId = String(req.headers['x-request-id'] || randomUUID());
    res.setHeader('X-Request-Id', requestId);
    const url = req.originalUrl;
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = req.method.toUpperCase();
    const principal = authenticate(this.state, req.headers, this.clock.now());
    const entry: HarborRequestLogEntry = {
      method,
      path: rawPath,
      query: req.query as HarborRequestLogEntry['query'],
      principal: principalName(principal),
      requestId,
    };
    this.log.add(entry);
    const finish = (result: HarborResult, op?: SpecOperation) => {
      const checked = op
        ? this.checkResponse(op, method, rawPath, result)
        : result;
      entry.status = checked.status;
      entry.durationMs = Date.now() - started;
      if (WRITE_METHODS.has(method)) this.pages.invalidate();
      this.send(res, method, checked);
    };
    const fail = (err: HarborError, op?: SpecOperation) =>
      finish({ status: err.status, body: err.toBody() }, op);

    if (!rawPath.startsWith(`${API_BASE}/`)) {
      fail(new HarborError(404, 'NOT_FOUND', `path ${rawPath} was not found`));
      return;
    }
    const { router } = specRouter();
    const routed = router.route(method, rawPath.slice(API_BASE.length));
    if (routed.kind === 'notFound') {
      fail(new HarborError(404, 'NOT_FOUND', `path ${rawPath} was not found`));
      return;
    }
    if (routed.kind === 'methodNotAllowed') {
      fail(
        new HarborError(
          405,
          'METHOD_NOT_ALLOWED',
          `method ${method} is not allowed, but [${routed.allowed.join(
            ',',
          )}] are`,
        ),
      );
      return;
    }
    const { operation: op, params } = routed.match;
    entry.operationId = op.operationId;
    // A single-encoded slash decodes into the name: Harbor's router then finds no such path (harbor#12224).
    if (params.repository_name?.includes('/')) {
      fail(
        new HarborError(
          404,
          'NOT_FOUND',
          `path ${decodeURIComponent(rawPath)} was not found`,
        ),
      );
      return;
    }

    const fault = this.faults.decide(op.operationId);
    if (fault) {
      if (fault.latencyMs > 0) {
        entry.fault = 'latency';
        await new Promise(resolve => setTimeout(resolve, fault.latencyMs));
      }
      if (fault.reset) {
        entry.fault = 'reset';
        req.socket.destroy();
        return;
      }
      if (fault.hang) {
        entry.fault = 'hang';
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      }
      if (fault.status !== undefined) {
        entry.fault = 'status';
        const status = fault.status;
        let body = fault.body;
        if (body === undefined && status >= 400) {
          const message =
            status >= 500 ? 'internal server error' : 'injected fault';
          body = new HarborError(
            status,
            fault.code ?? errorCodeForStatus(status),
            message,
          ).toBody();
        }
        finish({ status, body }, op);
        return;
      }
    }

    let body: unknown;
    const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
    const hasBody = Boolean(raw && raw.length > 0);
    if (hasBody) {
      try {
        body = JSON.parse(raw!.toString('utf8'));
      } catch (e) {
        fail(
          badRequest(
            `parsing body body from "" failed, because ${(e as Error).message}`,
          ),
          op,
        );
        return;
      }
    }

    if (this.state.configuration.read_only && WRITE_METHODS.has(method)) {
      fail(
        new HarborError(
          403,
          'DENIED',
          'The system is in read only mode. Any modification is prohibited.',
        ),
        op,
      );
      return;
    }

    if (this.validation !== 'off') {
      const parts = {
        path: params,
        query: req.query as Record<string, unknown>,
        headers: req.headers,
        body,
        hasBody,
      };
      const validator = specValidator();
      const paramIssues = validator.validateParams(op, parts);
      const bodyIssues = validator.validateBody(op, parts);
      for (const issue of [...paramIssues, ...bodyIssues]) {
        this.record({
          direction: 'request',
          operationId: op.operationId,
          method,
          path: rawPath,
          ...issue,
        });
      }
      if (this.validation === 'throw') {
        if (paramIssues.length) {
          // go-swagger answers parameter validation failures with 422 (e.g. page_size > 100).
          fail(
            new HarborError(
              422,
              'UNPROCESSABLE_ENTITY',
              `validation failure list:\n${paramIssues
                .map(i => i.message)
                .join('\n')}`,
            ),
            op,
          );
          return;
        }
        if (bodyIssues.length) {
          fail(
            badRequest(
              `request body violates the Harbor API spec for ${
                op.operationId
              }: ${bodyIssues.map(i => i.message).join('; ')}`,
            ),
            op,
          );
          return;
        }
      }
    }

    const handler = harborRoutes[op.operationId];
    if (!handler) {
      fail(
        new HarborError(
          501,
          'UNSUPPORTED',
          `harbor-simulator does not implement ${op.operationId}`,
        ),
      );
      return;
    }
    const ctx: HarborContext = {
      core: this.core,
      operationId: op.operationId,
      method,
      rawPath,
      rawQuery,
      params,
      query: req.query as HarborContext['query'],
      headers: req.headers,
      body,
      principal,
    };
    let result: HarborResult;
    try {
      result = handler(ctx);
    } catch (e) {
      if (e instanceof HarborError) {
        result = { status: e.status, body: e.toBody() };
      } else {
        // eslint-disable-next-line no-console
        console.error(`harbor-simulator: ${op.operationId} failed`, e);
        result = {
          status: 500,
          body: new HarborError(
            500,
            'UNKNOWN',
            'internal server error',
          ).toBody(),
        };
      }
    }
    finish(result, op);
  }

  /** Validates a response; in `throw` mode an invalid one becomes a 500 (the violation is recorded). */
  private checkResponse(
    op: SpecOperation,
    method: string,
    rawPath: string,
    result: HarborResult,
  ): HarborResult {
    if (this.validation === 'off' || method === 'HEAD') return result;
    const validator = specValidator();
    const hasBody = result.body !== undefined || result.text !== undefined;
    const memo = result.raw && this.pageIssues.get(result.raw);
    const memoKey = `${op.operationId} ${result.status}`;
    let issues = memo?.get(memoKey);
    if (!issues) {
      issues = validator.validateResponse(
        op,
        result.status,
        result.text ?? result.body,
        hasBody,
      );
      if (result.raw) {
        const byOp = memo ?? new Map();
        byOp.set(memoKey, issues);
        this.pageIssues.set(result.raw, byOp);
      }
    }
    if (!issues.length) return result;
    for (const issue of issues) {
      this.record({
        direction: 'response',
        operationId: op.operationId,
        method,
        path: rawPath,
        status: result.status,
        ...issue,
      });
    }
    if (this.validation !== 'throw') return result;
    return {
      status: 500,
      body: new HarborError(
        500,
        'UNKNOWN',
        `internal server error: the simulator's ${result.status} response to ${
          op.operationId
        } violates the Harbor API spec: ${issues
          .map(i => i.message)
          .join('; ')}`,
      ).toBody(),
    };
  }

  private send(res: express.Response, method: string, result: HarborResult) {
    for (const [k, v] of Object.entries(result.headers ?? {}))
      res.setHeader(k, v);
    res.status(result.status);
    if (result.text !== undefined) {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(method === 'HEAD' ? undefined : result.text);
      return;
    }
    res.setHeader(
      'Content-Type',
      result.status >= 400 ? ERROR_TYPE : JSON_TYPE,
    );
    if (result.body === undefined || method === 'HEAD') {
      res.end();
      return;
    }
    res.end(result.raw ?? result.json ?? JSON.stringify(result.body));
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
    app: sim,
    stop() {
      stopped ??= sim.replicationJobs.abortAll().then(
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
