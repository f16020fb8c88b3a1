import { parse } from 'yaml';
import type { KubernetesObject } from '../types';
import { mergeValues } from './chartTemplates';
import { TemplateEngine } from './goTemplate/evaluate';

/**
 * Stand-ins for the 1Password values, with the characters that break naive YAML or `--set` handling
 * (quotes, commas, brackets, colons, `#`, backslashes) and the exact lengths Harbor requires.
 */
export function fakeSecretValue(key: string): string {
  if (key === 'secretKey') return 'k,"[x]: #\\y\'z{0}';
  if (key === 'csrfKey') return `c,"[x]: #\\y'z{0}${'a'.repeat(16)}`;
  return `${key},"[x]: #\\'{y}&<z>`;
}

/** What External Secrets writes for an ExternalSecret, its templates executed over fake values. */
export function externalSecretData(
  externalSecret: any,
  value: (key: string) => string = fakeSecretValue,
): Record<string, string> {
  const fetched = Object.fromEntries(
    (externalSecret.spec.data ?? []).map((d: { secretKey: string }) => [
      d.secretKey,
      value(d.secretKey),
    ]),
  );
  const templates: Record<string, string> | undefined =
    externalSecret.spec.target?.template?.data;
  if (!templates) return fetched;
  const engine = new TemplateEngine();
  return Object.fromEntries(
    Object.entries(templates).map(([key, source]) => [
      key,
      engine.tpl(source, fetched),
    ]),
  );
}

/** The values Helm gets: the HelmRelease values with each `valuesFrom` file merged over them, in order. */
export function effectiveHelmValues(
  release: any,
  objects: KubernetesObject[],
): Record<string, unknown> {
  let values = (release.spec.values ?? {}) as Record<string, unknown>;
  for (const ref of release.spec.valuesFrom ?? []) {
    const source = (objects as any[]).find(
      o =>
        o.kind === 'ExternalSecret' &&
        o.metadata.namespace === release.metadata.namespace &&
        (o.spec.target?.name ?? o.metadata.name) === ref.name,
    );
    if (!source)
      throw new Error(`valuesFrom ${ref.name}: no ExternalSecret writes it`);
    const text = externalSecretData(source)[ref.valuesKey ?? 'values.yaml'];
    if (text === undefined)
      throw new Error(`valuesFrom ${ref.name}: no key ${ref.valuesKey}`);
    if (ref.targetPath)
      throw new Error(
        'targetPath needs helm-controller v1.6 (literal); not supported here',
      );
    values = mergeValues(values, parse(text)) as Record<string, unknown>;
  }
  return values;
}
