import { minimalSpec } from './__testUtils__/fixtures';
import { postgresMaxConnections } from './database';
import { dragonflyArgs } from './dragonfly';
import { parseHarborPlatformSpec } from './spec';

describe('postgresMaxConnections', () => {
  it('fits every Harbor pool plus reserved connections', () => {
    const spec = parseHarborPlatformSpec({
      ...minimalSpec,
      replicas: { core: 3, jobservice: 3 },
      databasePool: { maxOpenConns: 50 },
    });
    // (3 core + 3 jobservice + 1 exporter) × 50 = 350
    expect(postgresMaxConnections(spec)).toBe(380);
  });

  it('never goes below the PostgreSQL default of 100', () => {
    const spec = parseHarborPlatformSpec({
      ...minimalSpec,
      replicas: { core: 1, jobservice: 1 },
      databasePool: { maxOpenConns: 5, maxIdleConns: 1 },
    });
    expect(postgresMaxConnections(spec)).toBe(100);
  });
});

describe('dragonflyArgs', () => {
  it('pins one thread and keeps maxmemory under the container limit', () => {
    const spec = parseHarborPlatformSpec({
      ...minimalSpec,
      dragonfly: { memoryMi: 1024 },
    });
    expect(dragonflyArgs(spec)).toEqual([
      '--proactor_threads=1',
      '--maxmemory=768mb',
      '--dbfilename=harbor',
    ]);
  });
});
