import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  PLATFORM_CHECK_RUNBOOK,
  REGISTRY_HEALTH_RUNBOOK,
  RunbookSection,
} from './cluster';

/**
 * Every runbook section the cards link to is a heading of docs/ (mkdocs --strict checks links between pages, not
 * anchors). Ids as Python-Markdown's toc writes them: an explicit `{#id}`, else the slug of the text.
 */

function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'mkdocs.yml'))) {
    if (dirname(dir) === dir) throw new Error(`no mkdocs.yml above ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

function slugify(text: string): string {
  return text
    .replace(/`([^`]*)`/g, '$1')
    .normalize('NFKD')
    .replace(/[\u0080-\uffff]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = line.match(/^#{1,6}\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*$/);
    if (match) ids.add(match[2] ?? slugify(match[1]));
  }
  return ids;
}

const docs = resolve(repoRoot(process.cwd()), 'docs');

function exists(section: RunbookSection): boolean {
  const file = resolve(docs, section.page);
  return (
    existsSync(file) &&
    headingIds(readFileSync(file, 'utf8')).has(section.anchor)
  );
}

describe('runbook sections the cards link to', () => {
  it.each(Object.entries(PLATFORM_CHECK_RUNBOOK))(
    'the platform check %s links to an existing heading',
    (_kind, section) => {
      expect({ ...section, exists: exists(section) }).toEqual({
        ...section,
        exists: true,
      });
    },
  );

  it.each(Object.entries(REGISTRY_HEALTH_RUNBOOK))(
    'the registry health finding %s links to an existing heading',
    (_finding, section) => {
      expect({ ...section, exists: exists(section) }).toEqual({
        ...section,
        exists: true,
      });
    },
  );

  it('would notice a missing heading', () => {
    expect(
      exists({ page: 'troubleshooting.md', anchor: 'no-such-heading' }),
    ).toBe(false);
    expect(exists({ page: 'nope.md', anchor: 'x' })).toBe(false);
  });
});
