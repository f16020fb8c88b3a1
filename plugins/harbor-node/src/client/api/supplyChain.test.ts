import { NotAllowedError } from '@backstage/errors';
import {
  HarborSimulator,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { testInstance } from '../../__testUtils__/localServer';
import { HarborClient } from '../HarborClient';

describe('supply-chain calls against the Harbor simulator', () => {
  let sim: HarborSimulator;
  let counter = 0;

  beforeAll(async () => {
    sim = await startHarborSimulator({ validation: 'throw' });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  afterEach(() => {
    sim.assertNoViolations();
  });

  function client(credentials = sim.adminCredentials) {
    counter++;
    return HarborClient.create({
      instance: testInstance(sim.url, {
        name: `supply-${counter}`,
        username: credentials.username,
        password: credentials.password,
      }),
    });
  }

  it('lists the signature and SBOM of a nested repository’s artifact', async () => {
    const accessories = await client().artifacts.accessories(
      'platform',
      'platform/team/app',
      'latest',
    );
    expect(accessories.map(a => a.type).sort()).toEqual([
      'harbor.sbom',
      'signature.cosign',
    ]);
  });

  it('reads one page of a project audit log with its total, filtered by q', async () => {
    const page = await client().auditLogs.listByProject('team-a', {
      page: 1,
      pageSize: 2,
      q: 'operation=pull',
    });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.items.every(l => l.operation === 'pull')).toBe(true);
    // Newest first by default.
    expect(page.items[0].op_time! >= page.items[1].op_time!).toBe(true);
  });

  it('reads the audit-log forward endpoint from the configuration, and maps a refusal', async () => {
    sim.state.configuration.audit_log_forward_endpoint = 'syslog:514';
    const config = await client().system.configurations();
    expect(config.audit_log_forward_endpoint?.value).toBe('syslog:514');
    await expect(
      client({
        username: 'alice',
        password: 'Alice12345',
      }).system.configurations(),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});
