import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findObject, minimalSpec } from './__testUtils__/fixtures';
import { HARBOR_ALERT_RUNBOOK_ANCHORS, PrometheusRule } from './monitoring';
import { platformNames } from './names';
import { renderHarborPlatform } from './render';
import { credentialMappings } from './secrets';
import { parseHarborPlatformSpec } from './spec';

/**
 * The TechDocs runbook (mkdocs.yml and docs/ at the repository root) against the manifests it documents.
 * mkdocs 1.4's `--strict` checks links between pages but not anchors, so the anchors are checked here.
 */

function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    if (dirname(dir) === dir) {
      throw new Error(`no backstage.json above ${from}`);
    }
    dir = dirname(dir);
  }
  return dir;
}

const repoRoot = findRepoRoot(process.cwd());
const docsDir = resolve(repoRoot, 'docs');
const RUNBOOK_BASE =
  'https://backstage.example.com/docs/default/system/container-registry';

interface Heading {
  level: number;
  /** The heading text without an explicit `{#id}`. */
  text: string;
  id: string;
  line: number;
}

/** Python-Markdown's toc slugify (mkdocs default): ASCII, drop punctuation, lower case, spaces → '-'. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0080-\uffff]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** What the heading's text renders to: code spans, emphasis and links reduced to their text. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S.*?)\1/g, '$2');
}

/** Lines outside fenced code blocks, with their 1-based line numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const marker = text.match(/^\s*(```+|~~~+)/)?.[1];
    if (marker) {
      if (!fence) fence = marker;
      else if (marker.startsWith(fence)) fence = undefined;
      return;
    }
    if (!fence) lines.push({ text, line: index + 1 });
  });
  return lines;
}

function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const result: Heading[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const match = text.match(/^(#{1,6})\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*$/);
    if (!match) continue;
    const [, hashes, title, explicitId] = match;
    let id = explicitId ?? slugify(plainText(title));
    // toc de-duplicates ids with _1, _2, ...
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    if (count > 0 && !explicitId) id = `${id}_${count}`;
    result.push({ level: hashes.length, text: title, id, line });
  }
  return result;
}

function readPage(page: string): string {
  return readFileSync(resolve(docsDir, page), 'utf8');
}

const pages = readdirSync(docsDir).filter(name => name.endsWith('.md'));
const alertsMarkdown = readPage('alerts.md');
const alertSections = headings(alertsMarkdown).filter(h => h.level === 2);

const rule = findObject<PrometheusRule>(
  renderHarborPlatform({
    ...minimalSpec,
    monitoring: { runbookBaseUrl: RUNBOOK_BASE },
  }),
  'PrometheusRule',
);
const alerts = rule.spec.groups.flatMap(group => group.rules);

/** The markdown of one `##` section of alerts.md, up to the next `##`. */
function sectionOf(id: string): string {
  const lines = alertsMarkdown.split('\n');
  const start = alertSections.find(h => h.id === id)?.line;
  if (start === undefined) return '';
  const next = alertSections.find(h => h.line > start)?.line;
  return lines.slice(start - 1, next ? next - 1 : undefined).join('\n');
}

describe('the alerts page of the runbook', () => {
  it('has a section for every alert, at the anchor its runbook_url names', () => {
    expect(alerts.length).toBe(
      Object.keys(HARBOR_ALERT_RUNBOOK_ANCHORS).length,
    );
    for (const alert of alerts) {
      const url = new URL(alert.annotations.runbook_url);
      expect(`${url.origin}${url.pathname}`).toBe(`${RUNBOOK_BASE}/alerts/`);
      const anchor = decodeURIComponent(url.hash.slice(1));
      const section = alertSections.find(h => h.id === anchor);
      expect({ alert: alert.alert, section: section?.text }).toEqual({
        alert: alert.alert,
        section: alert.alert,
      });
    }
  });

  it('has no section for an alert the rule does not have', () => {
    const alertNames = new Set<string>(alerts.map(alert => alert.alert));
    const stale = alertSections.filter(h => !alertNames.has(h.text));
    expect(stale.map(h => h.text)).toEqual([]);
    expect(alertSections).toHaveLength(alerts.length);
  });

  it('names in each section the metrics its alert fires on', () => {
    for (const alert of alerts) {
      const metrics = [
        ...alert.expr.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g),
      ].map(match => match[1]);
      expect(metrics.length).toBeGreaterThan(0);
      const section = sectionOf(HARBOR_ALERT_RUNBOOK_ANCHORS[alert.alert]);
      for (const metric of metrics) {
        // The two backup metrics share a prefix, which the section may write once.
        const shortName = metric.replace(
          /^barman_cloud_cloudnative_pg_io_/,
          '',
        );
        expect({
          alert: alert.alert,
          mentions: section.includes(metric) || section.includes(shortName),
        }).toEqual({ alert: alert.alert, mentions: true });
      }
    }
  });
});

describe('the runbook pages', () => {
  it('are all in the mkdocs nav', () => {
    const mkdocs = parseYaml(
      readFileSync(resolve(repoRoot, 'mkdocs.yml'), 'utf8'),
    ) as { docs_dir: string; nav: Record<string, string>[] };
    expect(mkdocs.docs_dir).toBe('docs');
    const inNav = mkdocs.nav.flatMap(entry => Object.values(entry)).sort();
    expect(inNav).toEqual([...pages].sort());
  });

  it('load no web fonts, which TechDocs would wait for on a machine without internet', () => {
    const mkdocs = parseYaml(
      readFileSync(resolve(repoRoot, 'mkdocs.yml'), 'utf8'),
    ) as { theme: { name: string; font?: unknown } };
    expect(mkdocs.theme).toMatchObject({ name: 'material', font: false });
  });

  it('link only to headings that exist', () => {
    const anchorsByPage = new Map(
      pages.map(page => [
        page,
        new Set(headings(readPage(page)).map(h => h.id)),
      ]),
    );
    const broken: string[] = [];
    for (const page of pages) {
      for (const { text, line } of proseLines(readPage(page))) {
        for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^[a-z]+:/.test(target)) continue; // external
          const [file, anchor] = target.split('#');
          const targetPage = file || page;
          if (!anchorsByPage.has(targetPage)) {
            broken.push(`${page}:${line} → ${target} (no such page)`);
          } else if (
            anchor !== undefined &&
            !anchorsByPage.get(targetPage)!.has(anchor)
          ) {
            broken.push(`${page}:${line} → ${target} (no such heading)`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('list every 1Password item and field the manifests read', () => {
    const install = readPage('install.md');
    const spec = parseHarborPlatformSpec(minimalSpec);
    for (const mapping of credentialMappings(platformNames(spec))) {
      const item = spec.onePassword.items[mapping.credential];
      const row = install
        .split('\n')
        .find(line => line.startsWith(`| \`${item}\``));
      expect({ item, row: row !== undefined }).toEqual({ item, row: true });
      for (const field of Object.values(mapping.fields)) {
        expect({ item, field, listed: row!.includes(`\`${field}\``) }).toEqual({
          item,
          field,
          listed: true,
        });
      }
    }
  });
});
