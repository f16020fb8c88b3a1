import { InputError } from '@backstage/errors';
import { SEVERITIES, Severity } from '@backstage-harbor/plugin-harbor-common';
import { z } from 'zod';
import { parse } from '../service/requests';
import type { NormalizedFleetQuery } from './fleetTypes';

/*
 * The query string of `GET /fleet/vulnerabilities`, checked and normalised: the values go into Harbor's `q`
 * (which splits on `,` and reads `=`, `~`, brackets) and into cache keys, so they are bounded and plain.
 */

export const DEFAULT_FLEET_LIMIT = 1000;
export const MAX_FLEET_LIMIT = 5000;

const score = z.coerce.number().min(0).max(10);
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(
      /^[^,=~\[\]{}()\s]+$/,
      'must not hold spaces or any of , = ~ [ ] { } ( )',
    );

const searchQuery = z
  .object({
    instance: z.string().min(1).max(255).optional(),
    cveId: plain(64).optional(),
    package: plain(214).optional(),
    severity: z.string().max(200).optional(),
    cvssMin: score.optional(),
    cvssMax: score.optional(),
    fixable: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_FLEET_LIMIT).optional(),
  })
  .strict();

function severities(value: string | undefined): Severity[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(
      s =>
        SEVERITIES.find(known => known.toLowerCase() === s.toLowerCase()) ?? s,
    );
  const unknown = list.filter(s => !SEVERITIES.includes(s as Severity));
  if (unknown.length) {
    throw new InputError(
      `Invalid severity ${unknown.join(', ')}; use ${SEVERITIES.join(', ')}`,
    );
  }
  return [...new Set(list as Severity[])].sort(
    (a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b),
  );
}

/** The search a request asks for, and the instance it names; a 400 for anything else. */
export function parseFleetSearch(raw: unknown): {
  instance?: string;
  query: NormalizedFleetQuery;
} {
  const q = parse(searchQuery, raw, 'query');
  const severity = severities(q.severity);
  if (
    !q.cveId &&
    !q.package &&
    !severity?.length &&
    q.cvssMin === undefined &&
    q.cvssMax === undefined
  ) {
    throw new InputError(
      'Name what to search for: cveId, package, severity, cvssMin or cvssMax',
    );
  }
  if (
    q.cvssMin !== undefined &&
    q.cvssMax !== undefined &&
    q.cvssMin > q.cvssMax
  ) {
    throw new InputError('cvssMin must not be above cvssMax');
  }
  // Fixed key order: equal searches share one cache entry.
  const query: NormalizedFleetQuery = {
    cveId: q.cveId?.toUpperCase().startsWith('CVE-')
      ? q.cveId.toUpperCase()
      : q.cveId,
    package: q.package,
    severity: severity?.length ? severity : undefined,
    cvssMin: q.cvssMin,
    cvssMax: q.cvssMax,
    fixable: q.fixable === undefined ? undefined : q.fixable === 'true',
    limit: q.limit ?? DEFAULT_FLEET_LIMIT,
  };
  return { instance: q.instance, query };
}

const summaryQuery = z
  .object({ instance: z.string().min(1).max(255).optional() })
  .strict();

export function parseFleetSummary(raw: unknown): { instance?: string } {
  return parse(summaryQuery, raw, 'query');
}
