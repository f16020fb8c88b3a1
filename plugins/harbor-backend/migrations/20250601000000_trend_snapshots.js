// @ts-check

/**
 * Vulnerability trend snapshots: one row per repository per run of the snapshot task, with the severity counts
 * of the repository's latest artifact. Times are epoch milliseconds, the same on SQLite, PostgreSQL and MySQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('harbor_trend_runs', table => {
    table.comment('One row per run of the trend snapshot task');
    table.increments('id').primary();
    table
      .bigInteger('taken_at')
      .notNullable()
      .comment('Epoch ms the run started');
    table.integer('repositories').notNullable().defaultTo(0);
    table.index(['taken_at'], 'harbor_trend_runs_taken_at_idx');
  });
  await knex.schema.createTable('harbor_trend_snapshots', table => {
    table.comment(
      'Severity counts of the latest artifact of a repository at one run',
    );
    table.increments('id').primary();
    table.bigInteger('taken_at').notNullable().comment('Epoch ms of the run');
    table.string('instance', 255).notNullable();
    table.string('project', 255).notNullable();
    table.string('repository', 512).notNullable().comment('Inside the project');
    table.string('digest', 255).nullable().comment('The latest artifact');
    table.boolean('scanned').notNullable().defaultTo(false);
    table.text('counts').notNullable().comment('SeverityCounts as JSON');
    table.index(
      ['instance', 'project', 'repository', 'taken_at'],
      'harbor_trend_snapshots_repo_idx',
    );
    table.index(['taken_at'], 'harbor_trend_snapshots_taken_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('harbor_trend_snapshots');
  await knex.schema.dropTable('harbor_trend_runs');
};
