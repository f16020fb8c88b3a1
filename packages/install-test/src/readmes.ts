import { readFileSync } from 'node:fs';

/** A fenced code block of a README that the installation test runs or writes into the app. */
export interface ReadmeBlock {
  readme: string;
  /** What the marker says: `run`, `backend`, or the app file the block becomes. */
  target: string;
  language: string;
  code: string;
}

/**
 * The blocks marked `<!-- install-test: TARGET -->` on the line before their opening fence. The markers keep
 * the install sections and this test one and the same thing: the test runs what the README says.
 */
export function readMarkedBlocks(readme: string): ReadmeBlock[] {
  const text = readFileSync(readme, 'utf8');
  const pattern = /<!-- install-test: (\S+) -->\s*\n```(\w*)\n([\s\S]*?)\n```/g;
  return [...text.matchAll(pattern)].map(m => ({
    readme,
    target: m[1],
    language: m[2],
    code: m[3],
  }));
}
