import { badRequest, StatusError } from './status';

/**
 * The patch formats of the API server: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and, approximated,
 * strategic merge patch and server-side apply.
 */

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/json-patch+json': 'json',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export function patchTypeOf(contentType: string | undefined): PatchType {
  const bare = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const type = PATCH_CONTENT_TYPES[bare];
  if (!type) {
    throw new StatusError(
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.keys(
        PATCH_CONTENT_TYPES,
      )
        .filter(t => !t.endsWith('cbor'))
        .join(', ')}`,
    );
  }
  return type;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge recursively, `null` removes, everything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw patchFailed(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// A JSON patch that cannot be applied is answered 422 (apiserver's patcher, applyJSPatch).
function patchFailed(message: string): StatusError {
  return new StatusError(
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );
}

function parentOf(doc: unknown, tokens: string[], path: string): any {
  let node: any = doc;
  for (const token of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(token)] : node?.[token];
    if (node === undefined || node === null || typeof node !== 'object') {
      throw patchFailed(`doc is missing path: "${path}"`);
    }
  }
  return node;
}

function arrayIndex(
  parent: unknown[],
  token: string,
  path: string,
  forAdd: boolean,
): number {
  if (forAdd && token === '-') return parent.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw patchFailed(
      `invalid array index ${JSON.stringify(token)} in "${path}"`,
    );
  }
  const index = Number(token);
  if (index > parent.length || (!forAdd && index === parent.length)) {
    throw patchFailed(`index out of bounds in "${path}"`);
  }
  return index;
}

function getAt(doc: unknown, path: string): unknown {
  let node: any = doc;
  for (const token of parsePointer(path)) {
    if (node === null || typeof node !== 'object' || !(token in node)) {
      throw patchFailed(`doc is missing path: "${path}"`);
    }
    node = node[token];
  }
  return node;
}

function removeAt(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0)
    throw patchFailed('cannot remove the whole document');
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, path, false);
    return parent.splice(index, 1)[0];
  }
  if (!(last in parent)) {
    throw patchFailed(
      `unable to remove nonexistent key: ${last}: missing value`,
    );
  }
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, last, path, true), 0, value);
  } else {
    parent[last] = value;
  }
  return doc;
}

/** RFC 6902, applied to a copy of `doc`. */
export function jsonPatch(doc: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw badRequest(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  let result = structuredClone(doc);
  for (const raw of operations as Operation[]) {
    const { op, path, from } = raw ?? ({} as Operation);
    if (typeof path !== 'string')
      throw patchFailed(`operation has no path: ${JSON.stringify(raw)}`);
    switch (op) {
      case 'add':
        result = addAt(result, path, structuredClone(raw.value));
        break;
      case 'remove':
        removeAt(result, path);
        break;
      case 'replace':
        getAt(result, path);
        if (parsePointer(path).length === 0) {
          result = structuredClone(raw.value);
        } else {
          removeAt(result, path);
          result = addAt(result, path, structuredClone(raw.value));
        }
        break;
      case 'move': {
        const value = removeAt(result, from ?? '');
        result = addAt(result, path, value);
        break;
      }
      case 'copy':
        result = addAt(
          result,
          path,
          structuredClone(getAt(result, from ?? '')),
        );
        break;
      case 'test':
        if (JSON.stringify(getAt(result, path)) !== JSON.stringify(raw.value)) {
          throw patchFailed(`testing value ${path} failed: test failed`);
        }
        break;
      default:
        throw patchFailed(`Unexpected kind: ${String(op)}`);
    }
  }
  return result;
}

/**
 * Applies a patch of the given type. Strategic merge is treated as a JSON merge patch: the kinds served here
 * have few lists with patch merge keys, and tests patch maps. Apply merges the applied configuration into the
 * live object without field-manager bookkeeping, so it never removes fields.
 */
export function applyPatch(
  type: PatchType,
  live: unknown,
  patch: unknown,
): unknown {
  if (type === 'json') return jsonPatch(live, patch);
  if (!isObject(patch)) {
    throw badRequest(
      'json: cannot unmarshal into Go value of type map[string]interface {}',
    );
  }
  return mergePatch(live, patch);
}
