/**
 * The event types a Harbor webhook policy may subscribe to (Harbor's `src/pkg/notifier/event` topics; the spec
 * types `event_types` as plain strings, so the list is Harbor's, not the spec's).
 * @public
 */
export const HARBOR_WEBHOOK_EVENT_TYPES = [
  'PUSH_ARTIFACT',
  'PULL_ARTIFACT',
  'DELETE_ARTIFACT',
  'QUOTA_EXCEED',
  'QUOTA_WARNING',
  'SCANNING_FAILED',
  'SCANNING_STOPPED',
  'SCANNING_COMPLETED',
  'REPLICATION',
  'TAG_RETENTION',
] as const;

/**
 * One of {@link HARBOR_WEBHOOK_EVENT_TYPES}.
 * @public
 */
export type HarborWebhookEventType =
  (typeof HARBOR_WEBHOOK_EVENT_TYPES)[number];
