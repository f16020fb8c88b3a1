import { HarborContext, HarborResult, SimulatorCore } from '../context';
import { HarborError } from '../errors';
import { harborRoutes } from '../routes';
import { securityHubUnavailable } from '../routes/securityHubData';
import { Exchange, Step } from './exchange';

/** Runs the operation's route handler; a thrown `HarborError` is its answer, anything else a 500. */
export function dispatch(core: SimulatorCore): Step {
  return (x: Exchange): HarborResult => {
    const op = x.op!;
    const handler = harborRoutes[op.operationId];
    if (!handler) {
      x.checkResponse = false;
      return new HarborError(
        501,
        'UNSUPPORTED',
        `harbor-simulator does not implement ${op.operationId}`,
      ).toResult();
    }
    // Paths newer than the simulated version do not exist there (Security Hub: Harbor 2.9).
    const missing = securityHubUnavailable(
      core.harborVersion,
      op.operationId,
      x.rawPath,
    );
    if (missing) {
      x.checkResponse = false;
      return missing.toResult();
    }
    const ctx: HarborContext = {
      core,
      operationId: op.operationId,
      method: x.method,
      rawPath: x.rawPath,
      rawQuery: x.rawQuery,
      params: x.params,
      query: x.req.query as HarborContext['query'],
      headers: x.req.headers,
      body: x.body,
      principal: x.principal,
    };
    try {
      return handler(ctx);
    } catch (e) {
      if (e instanceof HarborError) return e.toResult();
      // eslint-disable-next-line no-console
      console.error(`harbor-simulator: ${op.operationId} failed`, e);
      return new HarborError(
        500,
        'UNKNOWN',
        'internal server error',
      ).toResult();
    }
  };
}
