import { fleetResultCsv } from './fleetCsv';
import { fleetArtifact, fleetResult } from '../../__testUtils__/fleetFixtures';

describe('fleetResultCsv', () => {
  it('writes one row per affected artifact, with visible entities, hidden counts and owners', () => {
    const lines = fleetResultCsv(fleetResult()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'instance,cve,severity,cvss,package,version,fixed_version,repository,tags,digest,entities,hidden_entities,owners,running,harbor_url',
    );
    expect(lines[1]).toContain(
      'default,CVE-2021-44228,Critical,10,log4j-core,2.14.1,2.17.1,team-a/api,1.4.1,',
    );
    expect(lines[1]).toContain(
      ',component:default/orders-api,0,group:default/team-a,running,',
    );
    expect(lines[2]).toContain(',team-b/reports,,');
    expect(lines[2]).toContain(',,1,,not-running,');
  });

  it('quotes separators and neutralises values a spreadsheet would run as formulas', () => {
    const result = fleetResult();
    result.instances[0].vulnerabilities[0].package =
      '=HYPERLINK("http://evil")';
    result.instances[0].vulnerabilities[0].artifacts = [
      fleetArtifact({ tags: ['a,b'] }),
    ];
    const row = fleetResultCsv(result).split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain('"a,b"');
  });
});
