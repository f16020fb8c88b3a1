import fs from 'fs';
import { resolve } from 'path';
import { goharborMinimalSpec } from '../__testUtils__/fixtures';
import { platformNames } from '../names';
import { parseHarborPlatformSpec } from '../spec';
import { goharborCredentialMappings } from './secrets';

const docsDir = resolve(__dirname, '../../../../docs');
const readPage = (page: string) =>
  fs.readFileSync(resolve(docsDir, page), 'utf8');

describe('the runbook on the official chart', () => {
  const spec = parseHarborPlatformSpec(goharborMinimalSpec);
  const mappings = goharborCredentialMappings(platformNames(spec));

  it('names every Secret the official chart reads and its keys', () => {
    const install = readPage('install.md');
    const paragraph = install.slice(
      install.indexOf('With the official chart'),
      install.indexOf('## Order of reconciliation'),
    );
    for (const mapping of mappings.filter(
      m => m.credential !== 'databaseBackupS3',
    )) {
      const at = paragraph
        .replace(/\s+/g, ' ')
        .indexOf(`\`${mapping.secretName}\` (`);
      expect({ secret: mapping.secretName, listed: at >= 0 }).toEqual({
        secret: mapping.secretName,
        listed: true,
      });
      const flat = paragraph.replace(/\s+/g, ' ');
      const keys = flat.slice(at, flat.indexOf(')', at));
      // The Secret's keys: the template's when it has one, else the fetched ones.
      for (const key of Object.keys(mapping.templateData ?? mapping.fields)) {
        expect({
          secret: mapping.secretName,
          key,
          listed: keys.includes(`\`${key}\``),
        }).toEqual({ secret: mapping.secretName, key, listed: true });
      }
    }
  });

  it('says how patches roll in and how to hold one back, with the rendered range', () => {
    const operations = readPage('operations.md');
    expect(operations).toContain(`ref.semver: "${spec.chart.version}"`);
    expect(operations).toContain(
      'flux suspend source oci harbor-chart -n harbor',
    );
    expect(operations).toMatch(/#### The Bitnami chart: no image updates/);
  });
});
