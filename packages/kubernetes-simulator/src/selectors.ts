import { badRequest } from './status';

/**
 * Label and field selectors as in k8s.io/apimachinery/pkg/labels and /fields.
 */

type Labels = Record<string, string> | undefined;

/** One requirement of a label selector. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A metav1.LabelSelector (matchLabels and matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** Splits on commas that are not inside parentheses: `env in (a,b),tier=web`. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(t => t.length > 0);
}

/** Parses the `labelSelector` query parameter: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function parseLabelSelector(selector: string): Requirement[] {
  return splitTerms(selector).map(term => {
    let m = /^!\s*([^\s!=(),]+)$/.exec(term);
    if (m) return { key: m[1], operator: 'DoesNotExist', values: [] };
    m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      return {
        key: m[1],
        operator: m[2] === 'in' ? 'In' : 'NotIn',
        values: m[3]
          .split(',')
          .map(v => v.trim())
          .filter(v => v.length > 0),
      };
    }
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
    if (m) {
      return {
        key: m[1],
        operator: m[2] === '!=' ? 'NotIn' : 'In',
        values: [m[3]],
      };
    }
    m = /^([^\s!=(),]+)$/.exec(term);
    if (m) return { key: m[1], operator: 'Exists', values: [] };
    throw badRequest(`unable to parse requirement: ${term}`);
  });
}

/** The requirements of a metav1.LabelSelector; matchLabels are `key=value` requirements. */
export function requirementsOf(selector: LabelSelector): Requirement[] {
  const requirements: Requirement[] = Object.entries(
    selector.matchLabels ?? {},
  ).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  for (const e of selector.matchExpressions ?? []) {
    requirements.push({
      key: e.key,
      operator: e.operator as Requirement['operator'],
      values: e.values ?? [],
    });
  }
  return requirements;
}

export function matchesRequirements(
  requirements: Requirement[],
  labels: Labels,
): boolean {
  return requirements.every(r => {
    const has = labels !== undefined && r.key in labels;
    const value = has ? labels![r.key] : undefined;
    switch (r.operator) {
      case 'In':
        return has && r.values.includes(value!);
      // As in Kubernetes, `a!=b` and `a notin (b)` also match objects without the label.
      case 'NotIn':
        return !has || !r.values.includes(value!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

export interface FieldRequirement {
  field: string;
  equals: boolean;
  value: string;
}

/** Parses the `fieldSelector` query parameter: `metadata.name=x,status.phase!=Running`. */
export function parseFieldSelector(
  selector: string,
  supportedFields: readonly string[],
): FieldRequirement[] {
  return splitTerms(selector).map(term => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m)
      throw badRequest(
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    if (!supportedFields.includes(m[1])) {
      throw badRequest(`field label not supported: ${m[1]}`);
    }
    return { field: m[1], equals: m[2] !== '!=', value: m[3] };
  });
}

function fieldValue(object: unknown, field: string): string {
  let node: any = object;
  for (const part of field.split('.')) node = node?.[part];
  return node === undefined || node === null ? '' : String(node);
}

export function matchesFields(
  requirements: FieldRequirement[],
  object: unknown,
): boolean {
  return requirements.every(
    r => (fieldValue(object, r.field) === r.value) === r.equals,
  );
}
