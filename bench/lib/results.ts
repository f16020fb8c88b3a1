import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats';

/** bench/results.json (gitignored). */
export const RESULTS_FILE = path.join(__dirname, '..', 'results.json');

/** What the figures were measured on. */
export function machine() {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
  };
}

/** The machine's 1, 5 and 15 minute load averages, to 2 decimals: the machine is shared, so record its load. */
export function loadAverage(): number[] {
  return os.loadavg().map(l => round(l, 2));
}

/** Replaces bench/results.json with `results`. */
export function writeResults(results: Record<string, unknown>) {
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

/** Sets `key` of bench/results.json to `value`, keeping the other benchmarks' results. */
export function mergeResults(key: string, value: unknown) {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    // First run: no results yet.
  }
  all[key] = value;
  writeResults(all);
}
