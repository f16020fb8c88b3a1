/**
 * The id of a resource Harbor created, from the `Location` header of its 201 answer
 * (e.g. `/api/v2.0/projects/42` → 42). Returns `undefined` when the last segment is not a whole number,
 * as with `X-Resource-Name-In-Location: true`.
 * @public
 */
export function idFromLocation(
  location: string | null | undefined,
): number | undefined {
  const last = lastLocationSegment(location);
  if (last === undefined || !/^\d+$/.test(last)) return undefined;
  const id = Number(last);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * The decoded last path segment of a `Location` header, for ids that are not numbers (scanner uuids, names).
 * @public
 */
export function lastLocationSegment(
  location: string | null | undefined,
): string | undefined {
  if (!location) return undefined;
  // Harbor writes a path; parse against a dummy origin so absolute URLs work too.
  let pathname: string;
  try {
    pathname = new URL(location, 'http://harbor.invalid').pathname;
  } catch {
    return undefined;
  }
  const segments = pathname.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
