import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenApiDocument, SpecOperation } from './spec';

/**
 * How the simulator treats spec violations:
 * - `throw`: an invalid request is refused (422 for parameters, as Harbor's go-swagger does, 400 for a body),
 *   an invalid response becomes a 500; both are recorded.
 * - `log`: recorded and printed, the exchange goes on unchanged.
 * - `off`: nothing is checked.
 *
 * @public
 */
export type HarborValidationMode = 'throw' | 'log' | 'off';

/**
 * One disagreement with the official spec, on the way in (the caller's fault) or out (the simulator's).
 *
 * @public
 */
export interface HarborSpecViolation {
  direction: 'request' | 'response';
  operationId: string;
  method: string;
  path: string;
  status?: number;
  /** Where in the request or response, e.g. `query.page_size`, `body/metadata/public`. */
  location: string;
  message: string;
}

const SPEC_ID = 'harbor.json';

function rewriteRefs<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value).replace(
      /"#\/components\//g,
      `"${SPEC_ID}#/components/`,
    ),
  );
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string) {
  return (errors ?? []).map(e => ({
    location: `${prefix}${e.instancePath}`,
    message: `${prefix}${e.instancePath || ''} ${e.message ?? 'is invalid'}${
      e.params && 'allowedValues' in e.params
        ? ` (${(e.params as any).allowedValues.join(', ')})`
        : ''
    }`.trim(),
  }));
}

interface CompiledOperation {
  params?: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
  responses: Map<string, ValidateFunction | null>;
}

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
  hasBody: boolean;
}

export interface ValidationIssue {
  location: string;
  message: string;
}

/**
 * Validates requests and responses against the official spec with ajv. Validators are compiled once per
 * operation and per response status and then reused.
 */
export class SpecValidator {
  /** Parameters arrive as strings, so they are validated with coercion on a copy. */
  private readonly paramsAjv: Ajv;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly errorsValidator: ValidateFunction;

  constructor(doc: OpenApiDocument) {
    const components = rewriteRefs({ components: doc.components });
    const make = (coerce: boolean) => {
      const ajv = new Ajv({
        strict: false,
        allErrors: false,
        coerceTypes: coerce ? 'array' : false,
        useDefaults: false,
        validateFormats: true,
      });
      addFormats(ajv);
      // go-swagger formats that carry no extra constraint for JSON.
      for (const f of ['int', 'int8', 'uint64', 'float64'])
        ajv.addFormat(f, true);
      ajv.addSchema({ $id: SPEC_ID, ...components });
      return ajv;
    };
    this.paramsAjv = make(true);
    this.ajv = make(false);
    this.errorsValidator = this.ajv.compile({
      $ref: `${SPEC_ID}#/components/schemas/Errors`,
    });
  }

  /** Compiles the validators of the given operations now rather than on their first call. */
  precompile(operations: SpecOperation[]): void {
    for (const op of operations) {
      const compiled = this.operation(op);
      for (const status of Object.keys(op.responses)) {
        this.responseValidator(op, compiled, status);
      }
    }
  }

  private operation(op: SpecOperation): CompiledOperation {
    let compiled = this.compiled.get(op.operationId);
    if (compiled) return compiled;
    const groups: Record<
      string,
      { properties: Record<string, unknown>; required: string[] }
    > = {
      path: { properties: {}, required: [] },
      query: { properties: {}, required: [] },
      header: { properties: {}, required: [] },
    };
    for (const p of op.parameters) {
      const group = groups[p.in];
      if (!group) continue;
      const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
      group.properties[name] = rewriteRefs(p.schema ?? {});
      if (p.required) group.required.push(name);
    }
    const paramsSchema = {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(groups).map(([k, g]) => [
          k,
          { type: 'object', properties: g.properties, required: g.required },
        ]),
      ),
    };
    compiled = {
      params: this.paramsAjv.compile(paramsSchema),
      body: op.requestBody?.schema
        ? this.ajv.compile(rewriteRefs(op.requestBody.schema))
        : undefined,
      bodyRequired: Boolean(op.requestBody?.required),
      responses: new Map(),
    };
    this.compiled.set(op.operationId, compiled);
    return compiled;
  }

  private responseValidator(
    op: SpecOperation,
    compiled: CompiledOperation,
    status: string,
  ): ValidateFunction | null {
    if (compiled.responses.has(status)) return compiled.responses.get(status)!;
    const schema = op.responses[status]?.schema;
    const validator = schema ? this.ajv.compile(rewriteRefs(schema)) : null;
    compiled.responses.set(status, validator);
    return validator;
  }

  /** Checks parameters; the issues of path, query and header parameters. */
  validateParams(op: SpecOperation, parts: RequestParts): ValidationIssue[] {
    const compiled = this.operation(op);
    const data = {
      path: { ...parts.path },
      query: { ...parts.query },
      header: { ...parts.headers },
    };
    if (compiled.params!(data)) return [];
    // Worded like go-openapi's validation errors, which Harbor returns in a 422.
    return (compiled.params!.errors ?? []).map(e => {
      const [, where = '', ...rest] = e.instancePath.split('/');
      const name =
        e.keyword === 'required'
          ? String((e.params as { missingProperty: string }).missingProperty)
          : rest.join('/');
      const limit = (e.params as { limit?: number }).limit;
      let text: string;
      switch (e.keyword) {
        case 'required':
          text = 'is required';
          break;
        case 'maximum':
          text = `should be less than or equal to ${limit}`;
          break;
        case 'minimum':
          text = `should be greater than or equal to ${limit}`;
          break;
        case 'type':
          text = `must be of type ${(e.params as { type: string }).type}`;
          break;
        default:
          text = e.message ?? 'is invalid';
      }
      return {
        location: `${where}.${name}`,
        message: `${name} in ${where} ${text}`,
      };
    });
  }

  validateBody(op: SpecOperation, parts: RequestParts): ValidationIssue[] {
    const compiled = this.operation(op);
    if (!parts.hasBody) {
      return compiled.bodyRequired
        ? [{ location: 'body', message: 'body in body is required' }]
        : [];
    }
    if (!compiled.body) return [];
    if (compiled.body(parts.body)) return [];
    return describe(compiled.body.errors, 'body');
  }

  validateResponse(
    op: SpecOperation,
    status: number,
    body: unknown,
    hasBody: boolean,
  ): ValidationIssue[] {
    const compiled = this.operation(op);
    let key: string | undefined;
    if (op.responses[String(status)]) key = String(status);
    else if (op.responses.default) key = 'default';
    if (!key) {
      // The spec does not list every status Harbor uses (409 on POST /robots, 412 on scan, ...); an
      // undeclared error status is fine as long as it carries Harbor's Errors body.
      if (status >= 400) {
        if (!hasBody || this.errorsValidator(body)) return [];
        return describe(this.errorsValidator.errors, 'body');
      }
      return [
        {
          location: 'status',
          message: `status ${status} is not declared for ${op.operationId}`,
        },
      ];
    }
    const validator = this.responseValidator(op, compiled, key);
    if (!validator) {
      return hasBody
        ? [
            {
              location: 'body',
              message: `${op.operationId} declares no body for status ${status}`,
            },
          ]
        : [];
    }
    if (!hasBody) {
      return [
        { location: 'body', message: `body is required for status ${status}` },
      ];
    }
    if (validator(body)) return [];
    return describe(validator.errors, 'body');
  }
}
