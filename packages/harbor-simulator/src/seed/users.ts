import { HarborClock, isoTime } from '../clock';
import { HarborState, HarborUserRecord } from '../state';

/** A Harbor user the simulator accepts with basic auth. @public */
export interface HarborSimulatorUser {
  username: string;
  password: string;
  sysadmin?: boolean;
  email?: string;
  realname?: string;
  /** User groups (LDAP/OIDC) the user belongs to, by name. */
  groups?: string[];
}

/** @public */
export const DEFAULT_USERS: HarborSimulatorUser[] = [
  {
    username: 'admin',
    password: 'Harbor12345',
    sysadmin: true,
    realname: 'Harbor Admin',
  },
  {
    username: 'alice',
    password: 'Alice12345',
    realname: 'Alice Developer',
    groups: ['platform-engineers'],
  },
  { username: 'bob', password: 'Bob12345', realname: 'Bob Guest' },
];

export function addUsers(
  state: HarborState,
  clock: HarborClock,
  users: HarborSimulatorUser[],
) {
  for (const u of users) {
    const existing = state.userByName(u.username);
    const record: HarborUserRecord = {
      user_id: existing?.user_id ?? state.ids.user.next(),
      username: u.username,
      password: u.password,
      sysadmin: Boolean(u.sysadmin),
      email: u.email ?? `${u.username}@example.com`,
      realname: u.realname ?? u.username,
      groups: u.groups ?? [],
      creation_time: existing?.creation_time ?? isoTime(clock.now()),
    };
    if (existing) Object.assign(existing, record);
    else state.users.push(record);
  }
}

/** Every Harbor has a default Trivy scanner registration. */
export function addDefaultScanner(state: HarborState, clock: HarborClock) {
  const now = isoTime(clock.now());
  state.scanners.push({
    uuid: 'b3c5a2e4-7d1f-4a8e-9c0b-2f6e8d1a4b37',
    name: 'Trivy',
    description: 'The Trivy scanner adapter',
    url: 'http://trivy-adapter:8080',
    disabled: false,
    is_default: true,
    auth: '',
    skip_certVerify: false,
    use_internal_addr: true,
    create_time: now,
    update_time: now,
    adapter: 'Trivy',
    vendor: 'Aqua Security',
    version: 'v0.50.1',
    health: 'healthy',
  } as any);
}
