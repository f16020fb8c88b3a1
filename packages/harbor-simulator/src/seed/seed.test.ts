import { ManualClock } from '../clock';
import {
  addArtifacts,
  addDefaultScanner,
  addUsers,
  DEFAULT_USERS,
  seedDemo,
} from '.';
import { HarborState } from '../state';

function demoState() {
  const clock = new ManualClock();
  const state = new HarborState();
  addUsers(state, clock, DEFAULT_USERS);
  addDefaultScanner(state, clock);
  seedDemo(state, clock);
  return { state, clock };
}

describe('seed data', () => {
  it('is identical on every run', () => {
    const a = demoState().state;
    const b = demoState().state;
    expect(a.artifacts.map(x => x.digest)).toEqual(
      b.artifacts.map(x => x.digest),
    );
    expect(JSON.stringify(a.projects)).toEqual(JSON.stringify(b.projects));
  });

  it('has public and private projects, nested repositories and a mix of scan results', () => {
    const { state } = demoState();
    expect(state.projects.map(p => p.name)).toEqual([
      'library',
      'team-a',
      'team-b',
      'platform',
      '2024',
      'sandbox',
    ]);
    expect(state.repositories.map(r => r.name)).toContain('platform/team/app');
    const statuses = new Set(
      state.artifacts.map(a => a.scans[0]?.status ?? 'unscanned'),
    );
    expect([...statuses].sort()).toEqual(['Error', 'Success', 'unscanned']);
  });

  it('adds 1000 artifacts with M CVEs each, deterministically', () => {
    const { state, clock } = demoState();
    const first = addArtifacts(state, clock, {
      project: 'team-a',
      repository: 'scale',
      count: 1000,
      cvesPerArtifact: 7,
    });
    expect(first).toHaveLength(1000);
    expect(first.every(a => a.scans[0].vulnerabilities.length === 7)).toBe(
      true,
    );
    const again = addArtifacts(demoState().state, clock, {
      project: 'team-a',
      repository: 'scale',
      count: 1000,
      cvesPerArtifact: 7,
    });
    expect(again.map(a => a.digest)).toEqual(first.map(a => a.digest));
  });
});
