/**
 * The CloudNativePG operand image: PostgreSQL 17.12 on Debian trixie, `standard` (no Barman inside, which the
 * Barman Cloud plugin's sidecar brings). The tag follows the minor version's weekly OS rebuilds; the minor itself
 * changes only when this default or the input does.
 */
export const DEFAULT_POSTGRES_IMAGE =
  'ghcr.io/cloudnative-pg/postgresql:17.12-standard-trixie';

/** A tag that starts with `<major>.<minor>` (CNPG reads the major from it), or a digest. */
export const PINNED_POSTGRES_IMAGE =
  /^[^\s@]+(:\d+\.\d+[-._A-Za-z0-9]*(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/;
