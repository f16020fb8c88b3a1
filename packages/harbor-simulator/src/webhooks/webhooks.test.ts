import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';
import { VULNERABILITY_REPORT_V11 } from '../state';

/** A webhook receiver over real HTTP that answers with the queued statuses (then 200). */
class Receiver {
  readonly received: Array<{
    headers: http.IncomingHttpHeaders;
    raw: string;
    body: any;
  }> = [];
  readonly statuses: number[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      this.received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.statusCode = this.statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  url = '';

  async start() {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/harbor`;
  }

  stop() {
    return new Promise(r => this.server.close(r));
  }

  types() {
    return this.received.map(r => r.body.type ?? r.body.type);
  }
}

const admin = ['admin', 'Harbor12345'] as const;
const SECRET = 'Bearer s3cr3t-webhook-token-42';
const ALL_EVENTS = [
  'PUSH_ARTIFACT',
  'DELETE_ARTIFACT',
  'SCANNING_COMPLETED',
  'SCANNING_FAILED',
  'SCANNING_STOPPED',
  'QUOTA_EXCEED',
  'QUOTA_WARNING',
];

describe('harbor simulator webhook deliveries', () => {
  let sim: HarborSimulator;
  let receiver: Receiver;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock('2025-06-02T09:00:00Z');
    sim = await startHarborSimulator({
      clock,
      scanDurations: { pendingMs: 1_000, runningMs: 5_000 },
    });
    receiver = new Receiver();
    await receiver.start();
    // The demo's own policy points at hooks.example.com; these tests register their own.
    sim.state.webhookPolicies.length = 0;
  });

  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
    sim.assertNoViolations();
  });

  async function addPolicy(
    project: string,
    overrides: Record<string, unknown> = {},
    target: Record<string, unknown> = {},
  ) {
    await request(sim.apiUrl)
      .post(`/projects/${project}/webhook/policies`)
      .auth(...admin)
      .send({
        name: `hook-${sim.state.webhookPolicies.length + 1}`,
        enabled: true,
        event_types: ALL_EVENTS,
        targets: [
          {
            type: 'http',
            address: receiver.url,
            auth_header: SECRET,
            skip_cert_verify: false,
            payload_format: 'Default',
            ...target,
          },
        ],
        ...overrides,
      })
      .expect(201);
    return sim.state.webhookPolicies[sim.state.webhookPolicies.length - 1];
  }

  const push = (body: object) =>
    request(sim.url)
      .post('/_simulator/push')
      .auth(...admin)
      .send(body);

  function repositoryOf(full: string) {
    return sim.state.repositories.find(r => r.name === full)!;
  }

  it('sends PUSH_ARTIFACT with Harbor payload, Content-Type and the auth header', async () => {
    await addPolicy('team-a');
    const pushed = await push({
      project: 'team-a',
      repository: 'hooks/app',
      tags: ['1.0.0'],
    }).expect(201);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers.authorization).toBe(SECRET);
    const host = sim.url.replace('http://', '');
    const repo = repositoryOf('team-a/hooks/app');
    expect(body).toEqual({
      type: 'PUSH_ARTIFACT',
      occur_at: Date.parse('2025-06-02T09:00:00Z') / 1000,
      operator: 'admin',
      event_data: {
        resources: [
          {
            digest: pushed.body.digest,
            tag: '1.0.0',
            resource_url: `${host}/team-a/hooks/app:1.0.0`,
          },
        ],
        repository: {
          date_created: Math.floor(Date.parse(repo.creation_time) / 1000),
          name: 'hooks/app',
          namespace: 'team-a',
          repo_full_name: 'team-a/hooks/app',
          repo_type: 'private',
        },
      },
    });
    const [delivery] = sim.webhooks.deliveries;
    expect(delivery).toMatchObject({
      eventType: 'PUSH_ARTIFACT',
      status: 'Success',
      attempts: [{ statusCode: 200 }],
    });
  });

  it('sends DELETE_ARTIFACT for an untagged artifact with the digest as its tag and a public repo_type', async () => {
    await addPolicy('library', { event_types: ['DELETE_ARTIFACT'] });
    const pushed = await push({
      project: 'library',
      repository: 'hooks',
    }).expect(201);
    const digest = pushed.body.digest;
    await request(sim.apiUrl)
      .delete(`/projects/library/repositories/hooks/artifacts/${digest}`)
      .auth('admin', 'Harbor12345')
      .expect(200);
    await sim.webhooks.settled();
    expect(receiver.types()).toEqual(['DELETE_ARTIFACT']);
    const { event_data, operator } = receiver.received[0].body;
    expect(operator).toBe('admin');
    expect(event_data.resources).toEqual([
      {
        digest,
        tag: digest,
        resource_url: `${sim.url.replace(
          'http://',
          '',
        )}/library/hooks@${digest}`,
      },
    ]);
    expect(event_data.repository.repo_type).toBe('public');
  });

  it('sends DELETE_ARTIFACT for each artifact of a deleted repository, without date_created', async () => {
    await addPolicy('team-a', { event_types: ['DELETE_ARTIFACT'] });
    const a = await push({
      project: 'team-a',
      repository: 'gone',
      tags: ['1'],
    }).expect(201);
    const b = await push({
      project: 'team-a',
      repository: 'gone',
      tags: ['2'],
    }).expect(201);
    await request(sim.apiUrl)
      .delete('/projects/team-a/repositories/gone')
      .auth('alice', 'Alice12345')
      .expect(200);
    await sim.webhooks.settled();
    const bodies = receiver.received.map(r => r.body);
    expect(bodies.map(x => x.event_data.resources[0].digest).sort()).toEqual(
      [a.body.digest, b.body.digest].sort(),
    );
    for (const body of bodies) {
      expect(body.operator).toBe('alice');
      expect(body.event_data.repository).toEqual({
        name: 'gone',
        namespace: 'team-a',
        repo_full_name: 'team-a/gone',
        repo_type: 'private',
      });
    }
  });

  it('sends SCANNING_COMPLETED when the scan ends on the clock, with scan_overview and scan_type', async () => {
    await addPolicy('team-a', { event_types: ['SCANNING_COMPLETED'] });
    await push({
      project: 'team-a',
      repository: 'scanned',
      tags: ['2.0'],
      vulnerabilities: ['CVE-2024-3094', 'CVE-2021-44228'],
    }).expect(201);
    await request(sim.apiUrl)
      .post('/projects/team-a/repositories/scanned/artifacts/2.0/scan')
      .auth('alice', 'Alice12345')
      .send({ scan_type: 'vulnerability' })
      .expect(202);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(0);
    clock.advance(6_000);
    await sim.webhooks.settled();
    expect(receiver.types()).toEqual(['SCANNING_COMPLETED']);
    const { body } = receiver.received[0];
    expect(body.operator).toBe('alice');
    expect(body.occur_at).toBe(Date.parse('2025-06-02T09:00:06Z') / 1000);
    expect(body.event_data.scan).toEqual({ scan_type: 'vulnerability' });
    // scan.go does not read the repository's creation time.
    expect(body.event_data.repository).toEqual({
      name: 'scanned',
      namespace: 'team-a',
      repo_full_name: 'team-a/scanned',
      repo_type: 'private',
    });
    const [resource] = body.event_data.resources;
    expect(resource.tag).toBe('2.0');
    expect(Object.keys(resource.scan_overview)).toEqual([
      VULNERABILITY_REPORT_V11,
    ]);
    expect(resource.scan_overview[VULNERABILITY_REPORT_V11]).toEqual({
      report_id: expect.any(String),
      scan_status: 'Success',
      severity: 'Critical',
      duration: 6,
      start_time: '2025-06-02T09:00:00.000Z',
      end_time: '2025-06-02T09:00:06.000Z',
      complete_percent: 100,
      scanner: {
        name: 'Trivy',
        vendor: 'Aqua Security',
        version: expect.any(String),
      },
      summary: { total: 2, fixable: 2, summary: { Critical: 2 } },
    });
    // The same summary the API answers.
    const art = await request(sim.apiUrl)
      .get(
        '/projects/team-a/repositories/scanned/artifacts/2.0?with_scan_overview=true',
      )
      .auth(...admin)
      .expect(200);
    expect(art.body.scan_overview).toEqual(resource.scan_overview);
  });

  it('sends SCANNING_FAILED and SCANNING_STOPPED', async () => {
    await addPolicy('team-a', {
      event_types: ['SCANNING_FAILED', 'SCANNING_STOPPED'],
    });
    await push({ project: 'team-a', repository: 'f', tags: ['a'] }).expect(201);
    await push({ project: 'team-a', repository: 's', tags: ['b'] }).expect(201);
    await request(sim.url)
      .post('/_simulator/scan')
      .auth(...admin)
      .send({ project: 'team-a', repository: 'f', reference: 'a', fail: true })
      .expect(202);
    await request(sim.apiUrl)
      .post('/projects/team-a/repositories/s/artifacts/b/scan')
      .auth(...admin)
      .send({ scan_type: 'vulnerability' })
      .expect(202);
    clock.advance(2_000);
    await request(sim.apiUrl)
      .post('/projects/team-a/repositories/s/artifacts/b/scan/stop')
      .auth(...admin)
      .send({ scan_type: 'vulnerability' })
      .expect(202);
    clock.advance(10_000);
    await sim.webhooks.settled();
    expect(receiver.types()).toEqual(['SCANNING_STOPPED', 'SCANNING_FAILED']);
    const stopped = receiver.received[0].body.event_data.resources[0];
    expect(stopped.scan_overview[VULNERABILITY_REPORT_V11].scan_status).toBe(
      'Stopped',
    );
    const failed = receiver.received[1].body.event_data.resources[0];
    expect(failed.scan_overview[VULNERABILITY_REPORT_V11]).toMatchObject({
      scan_status: 'Error',
    });
    expect(
      failed.scan_overview[VULNERABILITY_REPORT_V11].summary,
    ).toBeUndefined();
  });

  it('sends QUOTA_WARNING at 85 % and QUOTA_EXCEED for a refused push', async () => {
    await addPolicy('team-b', {
      event_types: ['QUOTA_WARNING', 'QUOTA_EXCEED'],
    });
    // team-b holds 850 MiB of its 1 GiB: 870 MiB is below 85 % (870.4 MiB), 880 MiB above.
    await push({
      project: 'team-b',
      repository: 'payments',
      tags: ['2.9'],
      size: 20 * 1024 ** 2,
    }).expect(201);
    const ok = await push({
      project: 'team-b',
      repository: 'payments',
      tags: ['3.0'],
      size: 10 * 1024 ** 2,
    }).expect(201);
    const refused = await push({
      project: 'team-b',
      repository: 'payments',
      tags: ['4.0'],
      size: 300 * 1024 ** 2,
    }).expect(403);
    await sim.webhooks.settled();
    expect(receiver.types()).toEqual(['QUOTA_WARNING', 'QUOTA_EXCEED']);
    const [warning, exceed] = receiver.received.map(r => r.body);
    expect(warning.event_data).toEqual({
      resources: [{ digest: ok.body.digest, tag: '3.0' }],
      repository: {
        name: 'payments',
        namespace: 'team-b',
        repo_full_name: 'team-b/payments',
        repo_type: 'private',
      },
      custom_attributes: {
        Details:
          'quota usage reach 85%: resource storage used 880.0 MiB of 1.0 GiB',
      },
    });
    expect(exceed.event_data.resources).toEqual([{ tag: '4.0' }]);
    expect(exceed.event_data.custom_attributes.Details).toBe(
      refused.body.errors[0].message,
    );
  });

  it('delivers nothing to disabled policies nor for event types a policy does not list', async () => {
    await addPolicy('team-a', { enabled: false });
    await addPolicy('team-a', { event_types: ['DELETE_ARTIFACT'] });
    await push({ project: 'team-a', repository: 'quiet', tags: ['1'] }).expect(
      201,
    );
    await sim.webhooks.settled();
    expect(receiver.received).toEqual([]);
    expect(sim.webhooks.deliveries).toEqual([]);
  });

  it('retries a failed delivery after Harbor’s backoff and resends the same bytes', async () => {
    await addPolicy('team-a', { event_types: ['PUSH_ARTIFACT'] });
    receiver.statuses.push(500);
    await push({ project: 'team-a', repository: 'r', tags: ['1'] }).expect(201);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = sim.webhooks.deliveries;
    expect(delivery.status).toBe('Pending');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({
        statusCode: 500,
        error: 'abnormal response code: 500',
      }),
    ]);
    // gocraft/work: 1⁴ + 15 s at least after the first failure.
    expect(delivery.nextAttemptAt).toBe('2025-06-02T09:00:16.000Z');
    clock.advance(15_999);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    clock.advance(1);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(2);
    expect(delivery.status).toBe('Success');
    expect(delivery.attempts.map(a => a.statusCode)).toEqual([500, 200]);
    // Nothing identifies a delivery but its content: a retry is byte-for-byte the same.
    expect(receiver.received[1].raw).toBe(receiver.received[0].raw);
  });

  it('gives up after Harbor’s 3 attempts', async () => {
    await addPolicy('team-a', { event_types: ['PUSH_ARTIFACT'] });
    receiver.statuses.push(500, 502, 503, 500);
    await push({ project: 'team-a', repository: 'r', tags: ['1'] }).expect(201);
    for (let i = 0; i < 5; i++) {
      await sim.webhooks.settled();
      clock.advance(200_000);
    }
    await sim.webhooks.settled();
    const [delivery] = sim.webhooks.deliveries;
    expect(delivery.status).toBe('Error');
    expect(delivery.attempts.map(a => a.statusCode)).toEqual([500, 502, 503]);
    expect(receiver.received).toHaveLength(3);
  });

  it('lists deliveries as the policy’s executions and tasks, with the job log, as Harbor does', async () => {
    const policy = await addPolicy('team-a', {
      event_types: ['PUSH_ARTIFACT'],
    });
    receiver.statuses.push(500, 500, 500);
    await push({ project: 'team-a', repository: 'r', tags: ['1'] }).expect(201);
    for (let i = 0; i < 3; i++) {
      await sim.webhooks.settled();
      clock.advance(60_000);
    }
    const base = `/projects/team-a/webhook/policies/${policy.id}/executions`;
    const executions = await request(sim.apiUrl)
      .get(base)
      .auth('alice', 'Alice12345')
      .expect(200);
    expect(executions.headers['x-total-count']).toBe('1');
    const [execution] = executions.body;
    expect(execution).toMatchObject({
      vendor_type: 'WEBHOOK',
      vendor_id: policy.id,
      status: 'Error',
      status_message: 'abnormal response code: 500',
      trigger: 'EVENT',
      metrics: { task_count: 1, error_task_count: 1 },
      extra_attrs: { event_type: 'PUSH_ARTIFACT' },
    });
    expect(JSON.parse(execution.extra_attrs.payload).type).toBe(
      'PUSH_ARTIFACT',
    );
    const tasks = await request(sim.apiUrl)
      .get(`${base}/${execution.id}/tasks`)
      .auth('alice', 'Alice12345')
      .expect(200);
    expect(tasks.body).toEqual([
      expect.objectContaining({ status: 'Error', run_count: 3 }),
    ]);
    const log = await request(sim.apiUrl)
      .get(`${base}/${execution.id}/tasks/${tasks.body[0].id}/log`)
      .auth('alice', 'Alice12345')
      .expect(200);
    expect(log.text.match(/start to run webhook job/g)).toHaveLength(3);
    expect(log.text).toContain(
      'exit webhook job, error: abnormal response code: 500',
    );
    expect(log.text).not.toContain('s3cr3t');
    await request(sim.apiUrl)
      .get(`${base}/${execution.id + 100}/tasks`)
      .auth(...admin)
      .expect(404);
    await request(sim.apiUrl).get(base).auth('bob', 'Bob12345').expect(403);
  });

  it('records a connection failure as a failed attempt', async () => {
    await addPolicy(
      'team-a',
      { event_types: ['PUSH_ARTIFACT'] },
      { address: 'http://127.0.0.1:1/nobody' },
    );
    await push({ project: 'team-a', repository: 'r', tags: ['1'] }).expect(201);
    await sim.webhooks.settled();
    const [delivery] = sim.webhooks.deliveries;
    expect(delivery.attempts[0].statusCode).toBeUndefined();
    expect(delivery.attempts[0].error).toMatch(/^error to send request: /);
  });

  it('sends CloudEvents with the same id on every attempt', async () => {
    const policy = await addPolicy(
      'team-a',
      { event_types: ['PUSH_ARTIFACT'] },
      { payload_format: 'CloudEvents' },
    );
    receiver.statuses.push(503);
    const pushed = await push({
      project: 'team-a',
      repository: 'ce',
      tags: ['1'],
    }).expect(201);
    await sim.webhooks.settled();
    clock.advance(16_000);
    await sim.webhooks.settled();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(first.headers['content-type']).toBe('application/cloudevents+json');
    expect(first.headers.authorization).toBe(SECRET);
    expect(first.body).toEqual({
      specversion: '1.0',
      requestid: expect.any(String),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: `/projects/${policy.project_id}/webhook/policies/${policy.id}`,
      type: 'harbor.artifact.pushed',
      datacontenttype: 'application/json',
      time: '2025-06-02T09:00:00Z',
      data: {
        resources: [
          {
            digest: pushed.body.digest,
            tag: '1',
            resource_url: `${sim.url.replace('http://', '')}/team-a/ce:1`,
          },
        ],
        repository: expect.objectContaining({ repo_full_name: 'team-a/ce' }),
      },
      operator: 'admin',
    });
    expect(second.body.id).toBe(first.body.id);
  });

  it('pushes and scans on demand over the admin routes: PUSH_ARTIFACT then SCANNING_COMPLETED', async () => {
    await addPolicy('team-a');
    await push({
      project: 'team-a',
      repository: 'demo',
      tags: ['v9'],
      vulnerabilities: ['CVE-2024-3094'],
    }).expect(201);
    const scan = await request(sim.url)
      .post('/_simulator/scan')
      .auth(...admin)
      .send({ project: 'team-a', repository: 'demo', reference: 'v9' })
      .expect(202);
    expect(scan.body.digest).toMatch(/^sha256:/);
    clock.advance(6_000);
    await sim.webhooks.settled();
    expect(receiver.types()).toEqual(['PUSH_ARTIFACT', 'SCANNING_COMPLETED']);
    const overview =
      receiver.received[1].body.event_data.resources[0].scan_overview;
    expect(overview[VULNERABILITY_REPORT_V11].summary.summary).toEqual({
      Critical: 1,
    });

    const listed = await request(sim.url)
      .get('/_simulator/webhooks/deliveries?event_type=SCANNING_COMPLETED')
      .auth(...admin)
      .expect(200);
    expect(listed.body.deliveries).toHaveLength(1);
    expect(listed.body.deliveries[0]).toMatchObject({
      status: 'Success',
      eventType: 'SCANNING_COMPLETED',
    });
    // The auth header is never shown.
    const all = await request(sim.url)
      .get('/_simulator/webhooks/deliveries')
      .auth(...admin)
      .expect(200);
    expect(all.text).not.toContain('s3cr3t');
    expect(JSON.stringify(sim.webhooks.deliveries)).not.toContain('s3cr3t');
  });

  it('keeps the admin routes to administrators and refuses an unknown scan target', async () => {
    await request(sim.url).get('/_simulator/webhooks/deliveries').expect(401);
    await request(sim.url)
      .get('/_simulator/webhooks/deliveries')
      .auth('alice', 'Alice12345')
      .expect(403);
    await request(sim.url)
      .delete('/_simulator/webhooks/deliveries')
      .auth('bob', 'Bob12345')
      .expect(403);
    await request(sim.url)
      .post('/_simulator/scan')
      .auth('bob', 'Bob12345')
      .send({ project: 'team-a', repository: 'web', reference: 'x' })
      .expect(res => expect([403, 404]).toContain(res.status));
    await request(sim.url)
      .post('/_simulator/scan')
      .auth(...admin)
      .send({ project: 'team-a', repository: 'nope', reference: 'x' })
      .expect(404);
    await request(sim.url)
      .post('/_simulator/scan')
      .auth(...admin)
      .send({ project: 'team-a' })
      .expect(400);
  });

  it('sends nothing while notification_enable is off', async () => {
    await addPolicy('team-a');
    sim.state.configuration.notification_enable = false;
    await push({ project: 'team-a', repository: 'r', tags: ['1'] }).expect(201);
    await sim.webhooks.settled();
    expect(receiver.received).toEqual([]);
  });
});

describe('harbor simulator webhook deliveries on the system clock', () => {
  it('delivers and retries on its own, with a short backoff', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const sim = await startHarborSimulator({
      webhooks: { backoffMs: () => 50, pollMs: 10 },
    });
    try {
      sim.state.webhookPolicies.length = 0;
      await request(sim.apiUrl)
        .post('/projects/team-a/webhook/policies')
        .auth(...admin)
        .send({
          name: 'live',
          enabled: true,
          event_types: ['PUSH_ARTIFACT'],
          targets: [{ type: 'http', address: receiver.url }],
        })
        .expect(201);
      receiver.statuses.push(500);
      const started = Date.now();
      await request(sim.url)
        .post('/_simulator/push')
        .auth(...admin)
        .send({ project: 'team-a', repository: 'live', tags: ['1'] })
        .expect(201);
      // No settled(): the first attempt starts at once, the retry from the poll.
      while (receiver.received.length < 2 && Date.now() - started < 10_000) {
        await new Promise(r => setTimeout(r, 10));
      }
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[0].headers.authorization).toBeUndefined();
      expect(
        sim.webhooks.deliveries[0].attempts.map(a => a.statusCode),
      ).toEqual([500, 200]);
    } finally {
      await sim.stop();
      await receiver.stop();
    }
  });
});

/** A self-signed certificate for 127.0.0.1, or undefined without openssl. */
function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('harbor simulator webhook deliveries over TLS', () => {
  it('verifies the receiver’s certificate unless the target skips it', async () => {
    const tls = selfSignedCertificate();
    if (!tls) {
      // eslint-disable-next-line no-console
      console.warn('skipped: openssl is needed to make a certificate');
      return;
    }
    const received: string[] = [];
    const server = https.createServer(tls, (req, res) => {
      received.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const sim = await startHarborSimulator({ clock: new ManualClock() });
    try {
      sim.state.webhookPolicies.length = 0;
      for (const [name, skip] of [
        ['verified', false],
        ['skipped', true],
      ] as const) {
        await request(sim.apiUrl)
          .post('/projects/team-a/webhook/policies')
          .auth(...admin)
          .send({
            name,
            enabled: true,
            event_types: ['PUSH_ARTIFACT'],
            targets: [
              {
                type: 'http',
                address: `https://127.0.0.1:${port}/${name}`,
                skip_cert_verify: skip,
              },
            ],
          })
          .expect(201);
      }
      sim.push({ project: 'team-a', repository: 'tls', tags: ['1'] });
      await sim.webhooks.settled();
      expect(received).toEqual(['/skipped']);
      const verified = sim.webhooks.deliveries.find(
        d => d.policyName === 'verified',
      )!;
      expect(verified.attempts[0].error).toMatch(/^error to send request: /);
    } finally {
      await sim.stop();
      await new Promise(r => server.close(r));
    }
  });
});
