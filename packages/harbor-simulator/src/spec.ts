import fs from 'node:fs';
import path from 'node:path';

/** The parts of an OpenAPI 3 document the simulator reads. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: {
    $ref?: string;
    required?: boolean;
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
  responses: Record<
    string,
    {
      $ref?: string;
      content?: Record<string, { schema?: Record<string, unknown> }>;
    }
  >;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiOperation['responses'][string]>;
    requestBodies: Record<string, NonNullable<OpenApiOperation['requestBody']>>;
    schemas: Record<string, Record<string, unknown>>;
  };
}

/** One operation of the spec, with its refs resolved enough for routing and validation. */
export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  /** Names of the path parameters, in template order. */
  pathParams: string[];
  parameters: OpenApiParameter[];
  requestBody?: {
    required: boolean;
    schema?: Record<string, unknown>;
  };
  /** Response content by status ('default' included): media type → schema, or undefined when no body. */
  responses: Record<
    string,
    { mediaType?: string; schema?: Record<string, unknown> }
  >;
}

let cached: OpenApiDocument | undefined;

/**
 * The official Harbor spec converted to OpenAPI 3, generated in plugin-harbor-node. It is read from disk
 * because the package does not export its generated folder.
 */
export function loadHarborOpenApi(): OpenApiDocument {
  if (!cached) {
    const packageJson = require.resolve(
      '@backstage-harbor/plugin-harbor-node/package.json',
    );
    const file = path.join(
      path.dirname(packageJson),
      'src/generated/harbor-openapi.json',
    );
    cached = applySpecQuirks(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return cached;
}

/**
 * Places where the spec disagrees with what Harbor really sends. Harbor's server does not validate its own
 * responses, so the simulator must not flag Harbor's real behaviour as a violation. Each patch loosens the
 * schema only as far as Harbor's real output needs.
 */
function applySpecQuirks(doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components.schemas;
  // ExtraAttrs is declared as a map of objects, but Harbor puts strings in it ("architecture": "amd64").
  schemas.ExtraAttrs = { type: 'object', additionalProperties: true };
  // Retention and immutability rule params hold numbers ({"latestPushedK": 10}), not objects.
  for (const name of ['RetentionRule', 'ImmutableRule']) {
    const props = schemas[name].properties as Record<string, unknown>;
    props.params = { type: 'object', additionalProperties: true };
  }
  // additions/vulnerabilities is declared `type: string`; Harbor answers a JSON object keyed by MIME type
  // (pkg/scan/vuln/report.go).
  const vulnerabilities =
    doc.paths[
      '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/additions/vulnerabilities'
    ].get.responses['200'];
  if (vulnerabilities.content) {
    vulnerabilities.content = {
      'application/json': {
        schema: { type: 'object', additionalProperties: { type: 'object' } },
      },
    };
  }
  return doc;
}

function resolveRef<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value as T;
  const parts = ref.replace(/^#\//, '').split('/');
  let node: any = doc;
  for (const part of parts) node = node[part];
  return resolveRef(doc, node);
}

/** Flattens every operation of the spec into {@link SpecOperation}s. */
export function listSpecOperations(doc: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, pathItem] of Object.entries(doc.paths)) {
    const shared = (pathItem as any).parameters ?? [];
    for (const [method, raw] of Object.entries(pathItem)) {
      if (method === 'parameters' || typeof raw !== 'object') continue;
      const operation = raw as OpenApiOperation;
      const parameters = [...shared, ...(operation.parameters ?? [])].map(p =>
        resolveRef<OpenApiParameter>(doc, p),
      );
      let requestBody: SpecOperation['requestBody'];
      if (operation.requestBody) {
        const body = resolveRef(
          doc,
          operation.requestBody as any,
        ) as NonNullable<OpenApiOperation['requestBody']>;
        const media = body.content ? Object.values(body.content)[0] : undefined;
        requestBody = {
          required: Boolean(body.required),
          schema: media?.schema,
        };
      }
      const responses: SpecOperation['responses'] = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = resolveRef(
          doc,
          response as any,
        ) as OpenApiOperation['responses'][string];
        const entry = resolved.content
          ? Object.entries(resolved.content)[0]
          : undefined;
        responses[status] = entry
          ? { mediaType: entry[0], schema: entry[1].schema }
          : {};
      }
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        pathParams: splitPath(template)
          .map(seg => /^\{(.+)\}$/.exec(seg)?.[1])
          .filter((n): n is string => Boolean(n)),
        parameters,
        requestBody,
        responses,
      });
    }
  }
  return operations;
}

interface RouteNode {
  literals: Map<string, RouteNode>;
  param?: { name: string; node: RouteNode };
  operations: Map<string, SpecOperation>;
}

export interface RouteMatch {
  operation: SpecOperation;
  /** Path parameters decoded once, as Harbor's router does. */
  params: Record<string, string>;
}

export type RouteResult =
  | { kind: 'match'; match: RouteMatch }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allowed: string[] };

function splitPath(p: string): string[] {
  return p.replace(/^\/+|\/+$/g, '').split('/');
}

/**
 * Routes a raw (still percent-encoded) path below the base path to a spec operation. Literal segments win
 * over parameters (`/users/current` before `/users/{user_id}`), as in go-swagger's router.
 */
export class SpecRouter {
  private readonly root: RouteNode = {
    literals: new Map(),
    operations: new Map(),
  };

  constructor(operations: SpecOperation[]) {
    for (const operation of operations) {
      let node = this.root;
      for (const segment of splitPath(operation.template)) {
        const param = /^\{(.+)\}$/.exec(segment);
        if (param) {
          // Sibling templates name the same position differently ({project_name_or_id} and
          // {project_name}), so names are taken from each operation's own template.
          node.param ??= {
            name: param[1],
            node: { literals: new Map(), operations: new Map() },
          };
          node = node.param.node;
        } else {
          let next = node.literals.get(segment);
          if (!next) {
            next = { literals: new Map(), operations: new Map() };
            node.literals.set(segment, next);
          }
          node = next;
        }
      }
      node.operations.set(operation.method, operation);
    }
  }

  route(method: string, rawPath: string): RouteResult {
    let segments: string[];
    try {
      segments = splitPath(rawPath).map(s => decodeURIComponent(s));
    } catch {
      return { kind: 'notFound' };
    }
    const found = this.walk(this.root, segments, 0, []);
    if (!found) return { kind: 'notFound' };
    const { node, values } = found;
    const lookup =
      method === 'HEAD' && !node.operations.has('HEAD') ? 'GET' : method;
    const operation = node.operations.get(lookup);
    if (!operation) {
      return { kind: 'methodNotAllowed', allowed: [...node.operations.keys()] };
    }
    const params: Record<string, string> = {};
    values.forEach(([, value], i) => {
      params[operation.pathParams[i]] = value;
    });
    return { kind: 'match', match: { operation, params } };
  }

  private walk(
    node: RouteNode,
    segments: string[],
    index: number,
    values: Array<[string, string]>,
  ): { node: RouteNode; values: Array<[string, string]> } | undefined {
    if (index === segments.length) {
      return node.operations.size > 0 ? { node, values } : undefined;
    }
    const segment = segments[index];
    const literal = node.literals.get(segment);
    if (literal) {
      const found = this.walk(literal, segments, index + 1, values);
      if (found) return found;
    }
    if (node.param && segment !== '') {
      return this.walk(node.param.node, segments, index + 1, [
        ...values,
        [node.param.name, segment],
      ]);
    }
    return undefined;
  }
}
