import { randomUUID } from 'node:crypto';
import type { HarborWebhookPayload } from './payloads';

/** src/pkg/notifier/formats/cloudevents.go `eventTypeMapping`. */
const CLOUD_EVENT_TYPES: Record<string, string> = {
  DELETE_ARTIFACT: 'harbor.artifact.deleted',
  PULL_ARTIFACT: 'harbor.artifact.pulled',
  PUSH_ARTIFACT: 'harbor.artifact.pushed',
  QUOTA_EXCEED: 'harbor.quota.exceeded',
  QUOTA_WARNING: 'harbor.quota.warned',
  REPLICATION: 'harbor.replication.status.changed',
  SCANNING_FAILED: 'harbor.scan.failed',
  SCANNING_COMPLETED: 'harbor.scan.completed',
  SCANNING_STOPPED: 'harbor.scan.stopped',
  TAG_RETENTION: 'harbor.tag_retention.finished',
};

/** A formatted delivery: the headers and the exact bytes every attempt sends. */
export interface FormattedDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * Formats a payload for one policy target, once per event and target, as Harbor's `HTTPHandler.process` does
 * before it enqueues the job (src/pkg/notifier/handler/notification/http_handler.go): retries resend the same
 * bytes, so a CloudEvents `id` stays the same across attempts. `Default` (or empty) is the payload as JSON
 * (src/pkg/notifier/formats/default.go); `CloudEvents` wraps its `event_data` in a CloudEvents 1.0 envelope
 * (cloudevents.go). The target's `auth_header` becomes the `Authorization` header.
 */
export function formatDelivery(
  payload: HarborWebhookPayload,
  target: { payload_format?: string; auth_header?: string },
  source: { projectId: number; policyId: number; requestId: string },
): FormattedDelivery {
  const headers: Record<string, string> = {};
  let body: string;
  if (target.payload_format === 'CloudEvents') {
    headers['Content-Type'] = 'application/cloudevents+json';
    body = JSON.stringify({
      specversion: '1.0',
      requestid: source.requestId,
      id: randomUUID(),
      source: `/projects/${source.projectId}/webhook/policies/${source.policyId}`,
      type: CLOUD_EVENT_TYPES[payload.type],
      datacontenttype: 'application/json',
      time: new Date(payload.occur_at * 1000).toISOString().replace('.000', ''),
      data: payload.event_data,
      operator: payload.operator,
    });
  } else {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload);
  }
  if (target.auth_header) headers.Authorization = target.auth_header;
  return { headers, body };
}
