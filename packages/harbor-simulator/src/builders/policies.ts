import { HarborClock, isoTime } from '../clock';
import type {
  ImmutableRule,
  Registry,
  RetentionPolicy,
  WebhookPolicy,
} from '../harborTypes';
import { HarborState, ProjectRecord, RetentionRecord } from '../state';

/** The project's one retention policy; the project's `retention_id` points at it (src: handler/retention.go). */
export function addRetentionPolicy(
  state: HarborState,
  project: ProjectRecord,
  policy: Omit<RetentionPolicy, 'id'>,
): RetentionRecord {
  const id = state.ids.retention.next();
  const record: RetentionRecord = {
    id,
    policy: { ...policy, id },
    executions: [],
  };
  state.retentions.push(record);
  project.metadata.retention_id = String(id);
  return record;
}

export function addImmutableRule(
  state: HarborState,
  project: ProjectRecord,
  rule: ImmutableRule,
): number {
  const id = state.ids.immutableRule.next();
  state.immutableRules.push({ id, project_id: project.project_id, rule });
  return id;
}

export type WebhookPolicyFields = Pick<
  WebhookPolicy,
  'name' | 'description' | 'enabled' | 'event_types' | 'targets'
>;

export function addWebhookPolicy(
  state: HarborState,
  clock: HarborClock,
  project: ProjectRecord,
  fields: WebhookPolicyFields,
  creator: string,
): number {
  const now = isoTime(clock.now());
  const id = state.ids.webhookPolicy.next();
  state.webhookPolicies.push({
    ...fields,
    id,
    project_id: project.project_id,
    creator,
    creation_time: now,
    update_time: now,
  });
  return id;
}

/** A registry endpoint as stored: with its secret, which no view returns. */
export type StoredRegistry = Registry & { id: number; description?: string };

export interface NewRegistry {
  name: string;
  type: string;
  url: string;
  description?: string;
  insecure?: boolean;
  ca_certificate?: string;
  credential?: Registry['credential'];
}

export function addRegistry(
  state: HarborState,
  clock: HarborClock,
  input: NewRegistry,
): StoredRegistry {
  const now = isoTime(clock.now());
  const registry = {
    id: state.ids.registry.next(),
    name: input.name,
    type: input.type,
    url: input.url.replace(/\/+$/, ''),
    description: input.description ?? '',
    insecure: Boolean(input.insecure),
    ca_certificate: input.ca_certificate,
    credential: input.credential ?? {
      type: 'basic',
      access_key: '',
      access_secret: '',
    },
    status: 'healthy',
    creation_time: now,
    update_time: now,
  } as StoredRegistry;
  state.registries.push(registry);
  return registry;
}
