import { harborRoutes } from '../routes';
import {
  listSpecOperations,
  loadHarborOpenApi,
  SpecOperation,
  SpecRouter,
} from '../spec';
import { SpecValidator } from '../validation';

let sharedRouter:
  | { router: SpecRouter; operations: SpecOperation[] }
  | undefined;
let sharedValidator: SpecValidator | undefined;

/** Parses the spec once per process. */
export function specRouter() {
  if (!sharedRouter) {
    const operations = listSpecOperations(loadHarborOpenApi());
    sharedRouter = { router: new SpecRouter(operations), operations };
  }
  return sharedRouter;
}

/** Compiles the validators of the implemented operations once per process. */
export function specValidator(): SpecValidator {
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
