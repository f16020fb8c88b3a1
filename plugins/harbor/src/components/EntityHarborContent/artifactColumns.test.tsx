import {
  artifactColumns,
  artifactVulnerabilitiesPath,
  toArtifactRows,
} from './artifactColumns';
import { artifact, counts, images } from '../../__testUtils__/fixtures';

describe('artifact rows', () => {
  it('carry the project/repository path of nested repositories', () => {
    const [, nested] = images().repositories;
    const rows = toArtifactRows(nested);
    expect(rows[0].repositoryPath).toBe('team-a/batch/nightly-report');
  });

  it('give filterable scan and severity words', () => {
    const [api] = images().repositories;
    const rows = toArtifactRows(api);
    expect(rows.map(r => [r.scan, r.severity])).toEqual([
      ['Scanned', 'Critical'],
      ['Not scanned', 'Not scanned'],
    ]);
  });

  it('call a scanned artifact without findings None', () => {
    const [row] = toArtifactRows({
      ...images().repositories[0],
      artifacts: [
        artifact({
          scan: { status: 'success', counts: counts(), total: 0, fixable: 0 },
        }),
      ],
    });
    expect(row.severity).toBe('None');
  });
});

describe('artifactVulnerabilitiesPath', () => {
  it('puts the nested repository and digest in query parameters', () => {
    expect(
      artifactVulnerabilitiesPath('team-a/batch/nightly-report', 'sha256:ab'),
    ).toBe(
      'artifact?repository=team-a%2Fbatch%2Fnightly-report&digest=sha256%3Aab',
    );
  });
});

describe('artifactColumns', () => {
  const columns = artifactColumns({});
  const column = (title: string) => columns.find(c => c.title === title)!;
  const rows = toArtifactRows(images().repositories[0]);

  it('has the columns the issue asks for, newest push first', () => {
    expect(columns.map(c => c.title)).toEqual([
      'Tags',
      'Digest',
      'Size',
      'Pushed',
      'Pulled',
      'Scan',
      'Severity',
      'Fixable',
      'Trust',
      'Actions',
    ]);
    expect(column('Pushed').defaultSort).toBe('desc');
  });

  it('sorts push times as times', () => {
    const [newer, older] = rows;
    expect(column('Pushed').customSort!(newer, older, 'row')).toBeGreaterThan(
      0,
    );
  });

  it('searches tags by substring', () => {
    const search = column('Tags').customFilterAndSearch!;
    expect(search('late', rows[0], column('Tags'))).toBe(true);
    expect(search('late', rows[1], column('Tags'))).toBe(false);
  });
});
