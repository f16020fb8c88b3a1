import type { FleetSearchResult } from '@backstage-harbor/plugin-harbor-common';

const COLUMNS = [
  'instance',
  'cve',
  'severity',
  'cvss',
  'package',
  'version',
  'fixed_version',
  'repository',
  'tags',
  'digest',
  'entities',
  'hidden_entities',
  'owners',
  'running',
  'harbor_url',
];

/**
 * A CSV cell: quoted when needed, and with a leading `'` before `=`, `+`, `-`, `@` so that a spreadsheet opening
 * the export never runs a value (a package or description from a scanner) as a formula.
 */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per affected artifact, with the entities and owners the caller may see (hidden ones only counted). */
export function fleetResultCsv(result: FleetSearchResult): string {
  const rows = [COLUMNS.join(',')];
  for (const instance of result.instances) {
    for (const vulnerability of instance.vulnerabilities) {
      for (const artifact of vulnerability.artifacts) {
        rows.push(
          [
            instance.instance,
            vulnerability.cveId,
            vulnerability.severity,
            vulnerability.cvssScoreV3,
            vulnerability.package,
            artifact.version,
            artifact.fixedVersion,
            `${artifact.project}/${artifact.repository}`,
            artifact.tags.join(' '),
            artifact.digest,
            artifact.entities.map(e => e.entityRef).join(' '),
            artifact.hiddenEntities,
            artifact.owners.map(o => o.entityRef).join(' '),
            artifact.running.state,
            artifact.harborUrl,
          ]
            .map(cell)
            .join(','),
        );
      }
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Lets the browser save `text` as a file. */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
