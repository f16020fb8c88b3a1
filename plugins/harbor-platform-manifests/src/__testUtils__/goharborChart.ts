import fs from 'fs';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { Chart, mergeValues } from './chartTemplates';

/** The official chart as test data (see charts/goharbor-harbor-1.19.1/SOURCE.md). */
export const GOHARBOR_CHART_DIR = path.join(
  __dirname,
  'charts/goharbor-harbor-1.19.1',
);

/**
 * values.yaml with its commented-out keys (`#existingSecret: ""`, `# resources:`) taken as keys: the chart
 * documents several supported values only as comments (the S3 options, `caBundleSecretName`, `resources`).
 * Prose comments are left alone: a key is one word directly after `#` and at most one space, with no value or a
 * one-word value.
 */
export function loadGoharborValues(options: { withCommentedKeys: boolean }) {
  const text = fs.readFileSync(
    path.join(GOHARBOR_CHART_DIR, 'values.yaml'),
    'utf8',
  );
  const source = options.withCommentedKeys
    ? text.replace(
        /^(\s*)# ?([A-Za-z][A-Za-z0-9_]*:( ("[^"]*"|'[^']*'|[^\s#]+))?)\s*$/gm,
        '$1$2',
      )
    : text;
  // Commented examples may repeat a key (two `# resources:` blocks under one parent): the last one wins.
  return parse(source, { uniqueKeys: false }) as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Leaf paths of a values object; arrays and scalars are leaves. */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, member]) =>
    leafPaths(member, [...prefix, key]),
  );
}

/** Free-form maps: any key below them is allowed. */
const MAP_KEYS = new Set([
  'annotations',
  'labels',
  'additionalLabels',
  'podLabels',
  'podAnnotations',
  'resources',
  'nodeSelector',
]);

/** Whether a values path exists in the chart, or ends inside one of its free-form maps. */
export function existsInValues(
  values: Record<string, unknown>,
  keys: string[],
): boolean {
  let node: unknown = values;
  for (const [index, key] of keys.entries()) {
    if (MAP_KEYS.has(keys[index - 1]) && (node === null || isObject(node))) {
      return true;
    }
    if (!isObject(node) || !(key in node)) {
      return false;
    }
    node = node[key];
  }
  return true;
}

/**
 * The full objects a chart renders for values (the shared chartTemplates utility keeps only names, keys and
 * reads): enough to check the labels and ports of its Services.
 */
export function renderChartManifests(
  chart: Chart,
  values: Record<string, unknown>,
  options: { releaseName: string; namespace: string },
): Record<string, any>[] {
  const c = chart.chart;
  const context = {
    Values: mergeValues(chart.defaults, values),
    Release: {
      Name: options.releaseName,
      Namespace: options.namespace,
      Service: 'Helm',
      IsInstall: true,
      IsUpgrade: false,
      Revision: 1,
    },
    Chart: { Name: c.name, Version: c.version, AppVersion: c.appVersion },
    Capabilities: {
      KubeVersion: { Version: 'v1.33.0', GitVersion: 'v1.33.0' },
      APIVersions: { Has: () => true },
    },
    Template: { BasePath: `${c.name}/templates`, Name: '' },
    Files: {},
  };
  return [...chart.files].flatMap(([file, nodes]) =>
    parseAllDocuments(
      chart.engine.execute(nodes, {
        ...context,
        Template: { ...context.Template, Name: file },
      }),
    )
      .map(doc => {
        if (doc.errors.length > 0) {
          throw new Error(`${file}: ${doc.errors[0].message}`);
        }
        return doc.toJS();
      })
      .filter(object => isObject(object) && typeof object.kind === 'string'),
  );
}
