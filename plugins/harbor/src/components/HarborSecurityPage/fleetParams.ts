import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  isSeverity,
  type FleetSearchQuery,
  type Severity,
} from '@backstage-harbor/plugin-harbor-common';

/** The page's search, as it lives in the URL so a result can be shared and reloaded. */
export interface FleetParams {
  /** What the user typed: a CVE (or GHSA) id, or a package name. */
  term: string;
  severities: Severity[];
  cvssMin?: number;
  cvssMax?: number;
  /** Only findings with (`true`) or without (`false`) a fixed version. */
  fixable?: boolean;
  instance?: string;
}

const ADVISORY_ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[0-9a-z]{4}){3})$/i;

function readScore(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const score = Number(value);
  return Number.isFinite(score) && score >= 0 && score <= 10
    ? score
    : undefined;
}

function readFixable(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function readFleetParams(params: URLSearchParams): FleetParams {
  return {
    term: params.get('q')?.trim() ?? '',
    severities: (params.get('severity') ?? '').split(',').filter(isSeverity),
    cvssMin: readScore(params.get('cvssMin')),
    cvssMax: readScore(params.get('cvssMax')),
    fixable: readFixable(params.get('fixable')),
    instance: params.get('instance') || undefined,
  };
}

export function writeFleetParams(state: FleetParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.term) params.set('q', state.term);
  if (state.severities.length)
    params.set('severity', state.severities.join(','));
  if (state.cvssMin !== undefined) params.set('cvssMin', String(state.cvssMin));
  if (state.cvssMax !== undefined) params.set('cvssMax', String(state.cvssMax));
  if (state.fixable !== undefined) params.set('fixable', String(state.fixable));
  if (state.instance) params.set('instance', state.instance);
  return params;
}

/**
 * The backend query for the page's search: a CVE or GHSA id is matched as an id, anything else as a package name
 * (Security Hub matches both exactly). Undefined while there is nothing to search for: the backend requires a
 * term, a severity or a CVSS bound.
 */
export function toFleetQuery(state: FleetParams): FleetSearchQuery | undefined {
  const query: FleetSearchQuery = {
    instance: state.instance,
    severity: state.severities.length ? state.severities : undefined,
    cvssMin: state.cvssMin,
    cvssMax: state.cvssMax,
    fixable: state.fixable,
  };
  if (state.term) {
    if (ADVISORY_ID.test(state.term)) query.cveId = state.term.toUpperCase();
    else query.package = state.term;
  }
  const searchable =
    query.cveId ||
    query.package ||
    query.severity ||
    query.cvssMin !== undefined ||
    query.cvssMax !== undefined;
  return searchable ? query : undefined;
}

export function useFleetParams() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readFleetParams(params), [params]);
  const update = useCallback(
    (changes: Partial<FleetParams>) =>
      setParams(previous =>
        writeFleetParams({ ...readFleetParams(previous), ...changes }),
      ),
    [setParams],
  );
  return [state, update] as const;
}
