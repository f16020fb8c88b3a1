/**
 * Storage quotas as people write them (`10GiB`, `500MiB`, `-1`) and as Harbor stores them (bytes, -1 for
 * unlimited; harbor-api.md §3).
 */

const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/** Harbor's UI offers at most 1024 TiB. */
export const MAX_QUOTA_BYTES = 1024 * 1024 ** 4;

export const QUOTA_RULE =
  "a size with a binary unit (B, KiB, MiB, GiB or TiB), e.g. '10GiB' or '500MiB', at most 1024TiB; or '-1' for unlimited";

/** The bytes of a quota, -1 for unlimited; or an explanation of what is wrong with it. */
export function parseQuota(
  value: string,
): { bytes: number } | { error: string } {
  const text = value.trim();
  if (text === '-1') return { bytes: -1 };
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text);
  if (!match) {
    return { error: `'${value}' is not ${QUOTA_RULE}` };
  }
  const [, amount, unit] = match;
  if (!unit) {
    return {
      error: `'${value}' has no unit: write ${QUOTA_RULE}`,
    };
  }
  const factor = UNITS[unit];
  if (factor === undefined) {
    const decimal = /^[KMGT]B$/i.test(unit);
    return {
      error: `'${value}' has the unit '${unit}', which is not one of B, KiB, MiB, GiB, TiB${
        decimal
          ? ` (Harbor counts in binary units: write ${unit[0].toUpperCase()}iB)`
          : ''
      }`,
    };
  }
  const bytes = Math.round(Number(amount) * factor);
  if (bytes <= 0) {
    return {
      error: `'${value}' must be more than 0 bytes, or '-1' for unlimited`,
    };
  }
  if (bytes > MAX_QUOTA_BYTES) {
    return { error: `'${value}' is more than Harbor's maximum of 1024TiB` };
  }
  return { bytes };
}

/** `10 GiB`, `512 MiB`, `unlimited`: for log lines and plans. */
export function formatQuota(bytes: number | undefined): string {
  if (bytes === undefined) return 'not set';
  if (bytes === -1) return 'unlimited';
  const units = ['TiB', 'GiB', 'MiB', 'KiB'];
  for (const unit of units) {
    const factor = UNITS[unit];
    if (bytes >= factor && bytes % (factor / 1024) === 0) {
      const value = bytes / factor;
      return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
    }
  }
  return `${bytes} B`;
}
