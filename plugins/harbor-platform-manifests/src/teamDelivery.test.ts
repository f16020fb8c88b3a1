import { InputError } from '@backstage/errors';
import { renderTeamRobotDelivery, robotSecretName } from './teamDelivery';
import { ExternalSecret } from './secrets';
import { PushSecret } from './teamDelivery';
import { validateManifests } from './validate';

/** `ci_pull` has a `_`, so the name carries a hash (`ci-pull` would be another robot). */
const SECRET = robotSecretName('payments', 'ci_pull');

describe('renderTeamRobotDelivery', () => {
  const files = renderTeamRobotDelivery({
    project: 'payments',
    robot: 'ci_pull',
    sourceNamespace: 'harbor',
    teamNamespaces: ['payments-dev', 'payments-prod'],
    clusterSecretStore: 'op-platform',
  });
  const objects = files.flatMap(f => f.objects);

  it('renders objects that pass their schemas', () => {
    expect(validateManifests(objects)).toEqual([]);
  });

  it('pushes the dockerconfigjson Secret written by the robot action to 1Password', () => {
    const push = objects.find(o => o.kind === 'PushSecret') as PushSecret;
    expect(push.apiVersion).toBe('external-secrets.io/v1alpha1');
    expect(push.metadata.namespace).toBe('harbor');
    expect(push.spec.selector).toEqual({
      secret: { name: SECRET },
    });
    expect(push.spec.secretStoreRefs).toEqual([
      { kind: 'ClusterSecretStore', name: 'op-platform' },
    ]);
    expect(push.spec.data).toEqual([
      {
        match: {
          secretKey: '.dockerconfigjson',
          remoteRef: {
            remoteKey: SECRET,
            property: 'dockerconfigjson',
          },
        },
      },
    ]);
  });

  it('pulls it back into every team namespace as a dockerconfigjson Secret', () => {
    const pulls = objects.filter(
      o => o.kind === 'ExternalSecret',
    ) as ExternalSecret[];
    expect(pulls.map(p => p.metadata.namespace)).toEqual([
      'payments-dev',
      'payments-prod',
    ]);
    for (const pull of pulls) {
      expect(pull.apiVersion).toBe('external-secrets.io/v1');
      expect(pull.spec.target).toEqual({
        name: SECRET,
        creationPolicy: 'Owner',
        template: {
          engineVersion: 'v2',
          type: 'kubernetes.io/dockerconfigjson',
        },
      });
      expect(pull.spec.data).toEqual([
        {
          secretKey: '.dockerconfigjson',
          remoteRef: { key: `${SECRET}/dockerconfigjson` },
        },
      ]);
    }
  });

  it('writes one folder per robot in the teams layer', () => {
    expect(files.map(f => f.path)).toEqual([
      `platform/harbor/teams/${SECRET}/push-secret.yaml`,
      `platform/harbor/teams/${SECRET}/external-secrets.yaml`,
    ]);
  });

  it('names the Secret after the project and robot, as valid object names', () => {
    expect(robotSecretName('team-a', 'ci')).toBe('harbor-robot-team-a-ci');
    expect(robotSecretName('team_a', 'builder')).toMatch(
      /^harbor-robot-team-a-builder--[0-9a-f]{10}$/,
    );
  });

  it('gives different robots different Secret names (no two pairs meet after `_` → `-`)', () => {
    const parts = [
      'a',
      'b',
      'a_b',
      'a-b',
      'a.b',
      'b_c',
      'b-c',
      'a-b-c',
      'a_b-c',
      'c',
    ];
    const pairs = parts.flatMap(project =>
      parts.map(robot => [project, robot]),
    );
    const names = new Map<string, string>();
    for (const [project, robot] of pairs) {
      const name = robotSecretName(project, robot);
      expect(name).toMatch(
        /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      );
      const previous = names.get(name);
      expect(previous ?? `${project}+${robot}`).toBe(`${project}+${robot}`);
      names.set(name, `${project}+${robot}`);
    }
    expect(names.size).toBe(pairs.length);
    // The two cases of the issue, and the split ambiguity.
    expect(robotSecretName('team', 'a_b')).not.toBe(
      robotSecretName('team', 'a-b'),
    );
    expect(robotSecretName('a-b', 'c')).not.toBe(robotSecretName('a', 'b-c'));
  });

  it('cuts the Secret name to the 253 characters Kubernetes allows, as the robot action writes it', () => {
    const name = robotSecretName('team', 'r'.repeat(300));
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toMatch(/^harbor-robot-team-rrr.*--[0-9a-f]{10}$/);
    expect(robotSecretName('team', 'r'.repeat(200))).toBe(
      `harbor-robot-team-${'r'.repeat(200)}`,
    );
    expect(robotSecretName('team', 'r'.repeat(300))).toBe(name);
    expect(robotSecretName('team', 'r'.repeat(299))).not.toBe(name);
  });

  it.each([
    ['no team namespace', { teamNamespaces: [] }, 'teamNamespaces'],
    [
      'an invalid namespace',
      { teamNamespaces: ['Team A'] },
      'teamNamespaces.0',
    ],
    [
      'a robot name with the robot$ prefix',
      { robot: 'robot$payments+ci' },
      'robot',
    ],
  ])('rejects %s and names the field', (_label, override, field) => {
    expect(() =>
      renderTeamRobotDelivery({
        project: 'payments',
        robot: 'ci',
        teamNamespaces: ['a'],
        ...override,
      }),
    ).toThrow(InputError);
    expect(() =>
      renderTeamRobotDelivery({
        project: 'payments',
        robot: 'ci',
        teamNamespaces: ['a'],
        ...override,
      }),
    ).toThrow(`${field}:`);
  });
});
