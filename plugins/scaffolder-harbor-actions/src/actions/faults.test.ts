import { Harness, startHarness } from '../__testUtils__/harness';
import { expectOnboarded, onboard } from '../__testUtils__/onboarding';

/** One write of the onboarding, Harbor's by operationId or Kubernetes' by verb and resource, in order. */
type Write =
  | { system: 'harbor'; operationId: string; occurrence: number }
  | {
      system: 'kubernetes';
      verb: string;
      resource: string;
      occurrence: number;
    };

type Mode = { status: number } | { reset: true };
const MODES: Array<[string, Mode]> = [
  ['500', { status: 500 }],
  ['503', { status: 503 }],
  ['reset', { reset: true }],
];

jest.setTimeout(60_000);

describe('a fault at every write of the onboarding, then a rerun', () => {
  let h: Harness;
  const writes: Write[] = [];

  beforeAll(async () => {
    h = await startHarness();
    // Record the writes of a clean onboarding in the order they happen across both APIs.
    // The simulator sets an entry's operationId after adding it, so entries are kept and read afterwards.
    const order: Array<
      { system: 'harbor'; entry: any } | { system: 'kubernetes'; entry: any }
    > = [];
    const harborAdd = h.sim.log.add.bind(h.sim.log);
    const k8sAdd = h.k8s.requestLog.add.bind(h.k8s.requestLog);
    h.sim.log.add = entry => {
      harborAdd(entry);
      order.push({ system: 'harbor', entry });
    };
    h.k8s.requestLog.add = entry => {
      k8sAdd(entry);
      order.push({ system: 'kubernetes', entry });
    };
    const { error } = await onboard(h, 'reference');
    h.sim.log.add = harborAdd;
    h.k8s.requestLog.add = k8sAdd;
    if (error) throw error;

    const counts = new Map<string, number>();
    const count = (key: string) => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts.get(key)!;
    };
    for (const { system, entry } of order) {
      if (system === 'harbor' && !['GET', 'HEAD'].includes(entry.method)) {
        writes.push({
          system,
          operationId: entry.operationId,
          occurrence: count(entry.operationId),
        });
      }
      if (
        system === 'kubernetes' &&
        entry.verb &&
        !['get', 'list', 'watch'].includes(entry.verb)
      ) {
        writes.push({
          system,
          verb: entry.verb,
          resource: entry.resource,
          occurrence: count(`${entry.verb}:${entry.resource}`),
        });
      }
    }
  });
  afterAll(() => h.stop());

  it('onboards the reference project with these writes', () => {
    expectOnboarded(h, 'reference');
    expect(
      writes.map(w =>
        w.system === 'harbor' ? w.operationId : `${w.verb} ${w.resource}`,
      ),
    ).toEqual([
      'createProject',
      // The owner label: a fault up to here makes the first run remove the project it created; the rerun creates it.
      'CreateLabel',
      'CreateRobot',
      'create secrets',
      'CreateRobot',
      'create secrets',
      'createRetention',
      'CreateImmuRule',
      'createProjectMember',
      'CreateWebhookPolicyOfProject',
    ]);
  });

  const cases = MODES.flatMap(([modeName, mode]) =>
    Array.from({ length: 10 }, (_, i) => [modeName, i + 1, mode] as const),
  );

  it.each(cases)(
    'converges after a %s on write %d',
    async (modeName, k, mode) => {
      const write = writes[k - 1];
      const project = `fault-${modeName}-${k}`;
      h.sim.faults.clear();
      if (write.system === 'harbor') {
        h.sim.faults.inject({
          operationId: write.operationId,
          onCall: write.occurrence,
          ...mode,
        });
      } else {
        h.k8s.faults.inject({
          verb: write.verb as any,
          resource: write.resource,
          onCall: write.occurrence,
          ...mode,
        });
      }
      const first = await onboard(h, project);
      expect(first.error).toBeDefined();
      // Until its owner is recorded, a failed first run leaves no project behind; afterwards the project stays.
      const ownerRecorded = writes.findIndex(
        w => w.system === 'harbor' && w.operationId === 'CreateLabel',
      );
      expect(h.sim.state.projectByName(project) !== undefined).toBe(
        k - 1 > ownerRecorded,
      );

      const second = await onboard(h, project);
      expect(second.error).toBeUndefined();
      expectOnboarded(h, project);

      h.clearLogs();
      const third = await onboard(h, project);
      expect(third.error).toBeUndefined();
      expect(h.sim.writes()).toEqual([]);
      expect(h.k8s.requestLog.writes()).toEqual([]);
      h.sim.assertNoViolations();
    },
  );
});
