import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  SEVERITIES,
  SeverityCounts,
  VulnerabilityTrendPoint,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import type { Knex } from 'knex';

const RUNS = 'harbor_trend_runs';
const SNAPSHOTS = 'harbor_trend_snapshots';

/** A repository's counts at one run. */
export interface RepositorySnapshot {
  instance: string;
  project: string;
  repository: string;
  digest?: string;
  scanned: boolean;
  counts: SeverityCounts;
}

export interface RepositoryIdentity {
  instance: string;
  project: string;
  repository: string;
}

function parseCounts(json: string): SeverityCounts {
  const counts = emptySeverityCounts();
  try {
    const parsed = JSON.parse(json);
    for (const s of SEVERITIES) {
      if (typeof parsed?.[s] === 'number') counts[s] = parsed[s];
    }
  } catch {
    // A row written by hand or a future version: counted as empty.
  }
  return counts;
}

/**
 * Runs the migrations. Replicas that start together race to create knex's own bookkeeping tables (knex only
 * locks the migrations themselves), so a failed attempt is retried: the next one finds the tables and waits for
 * the lock.
 */
async function migrate(knex: Knex): Promise<void> {
  const config = {
    directory: resolvePackagePath(
      '@backstage-harbor/plugin-harbor-backend',
      'migrations',
    ),
    tableName: 'harbor_knex_migrations',
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest(config);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise(resolve => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** The trend snapshots in the plugin's database (knex migrations in `migrations/`). */
export class TrendStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<TrendStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrate(knex);
    }
    return new TrendStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /** Writes one run and its snapshots in one transaction. */
  async addRun(takenAt: Date, snapshots: RepositorySnapshot[]): Promise<void> {
    const time = takenAt.getTime();
    await this.knex.transaction(async tx => {
      await tx(RUNS).insert({ taken_at: time, repositories: snapshots.length });
      if (snapshots.length === 0) return;
      await tx.batchInsert(
        SNAPSHOTS,
        snapshots.map(s => ({
          taken_at: time,
          instance: s.instance,
          project: s.project,
          repository: s.repository,
          digest: s.digest ?? null,
          scanned: s.scanned,
          counts: JSON.stringify(s.counts),
        })),
        100,
      );
    });
  }

  /** How many runs were recorded, optionally since a time. */
  async countRuns(since?: Date): Promise<number> {
    const query = this.knex(RUNS).count({ count: '*' });
    if (since) query.where('taken_at', '>=', since.getTime());
    const [row] = await query;
    return Number(row.count);
  }

  /** The summed counts of these repositories at every run in [from, to], oldest first. */
  async trend(
    repositories: RepositoryIdentity[],
    from: Date,
    to: Date,
  ): Promise<VulnerabilityTrendPoint[]> {
    if (repositories.length === 0) return [];
    const rows: Array<{ taken_at: number | string; counts: string }> =
      await this.knex(SNAPSHOTS)
        .select('taken_at', 'counts')
        .whereBetween('taken_at', [from.getTime(), to.getTime()])
        .andWhere(builder => {
          for (const r of repositories) {
            builder.orWhere({
              instance: r.instance,
              project: r.project,
              repository: r.repository,
            });
          }
        })
        .orderBy('taken_at', 'asc');
    const points = new Map<number, SeverityCounts>();
    for (const row of rows) {
      const time = Number(row.taken_at);
      const sum = points.get(time) ?? emptySeverityCounts();
      const counts = parseCounts(row.counts);
      for (const s of SEVERITIES) sum[s] += counts[s];
      points.set(time, sum);
    }
    return [...points.entries()].map(([time, counts]) => ({
      time: new Date(time).toISOString(),
      counts,
    }));
  }

  /** Deletes runs and snapshots older than `before`. */
  async prune(before: Date): Promise<void> {
    const time = before.getTime();
    await this.knex(SNAPSHOTS).where('taken_at', '<', time).delete();
    await this.knex(RUNS).where('taken_at', '<', time).delete();
  }
}
