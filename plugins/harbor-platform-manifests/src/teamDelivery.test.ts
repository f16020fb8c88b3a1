import { InputError } from '@backstage/errors';
import { renderTeamRobotDelivery, robotSecretName } from './teamDelivery';
import { ExternalSecret } from './secrets';
import { PushSecret } from './teamDelivery';
import { validateManifests } from './validate';

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
      secret: { name: 'harbor-robot-payments-ci-pull' },
    });
    expect(push.spec.secretStoreRefs).toEqual([
      { kind: 'ClusterSecretStore', name: 'op-platform' },
    ]);
    expect(push.spec.data).toEqual([
      {
        match: {
          secretKey: '.dockerconfigjson',
          remoteRef: {
            remoteKey: 'harbor-robot-payments-ci-pull',
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
        name: 'harbor-robot-payments-ci-pull',
        creationPolicy: 'Owner',
        template: {
          engineVersion: 'v2',
          type: 'kubernetes.io/dockerconfigjson',
        },
      });
      expect(pull.spec.data).toEqual([
        {
          secretKey: '.dockerconfigjson',
          remoteRef: { key: 'harbor-robot-payments-ci-pull/dockerconfigjson' },
        },
      ]);
    }
  });

  it('writes one folder per robot in the teams layer', () => {
    expect(files.map(f => f.path)).toEqual([
      'platform/harbor/teams/harbor-robot-payments-ci-pull/push-secret.yaml',
      'platform/harbor/teams/harbor-robot-payments-ci-pull/external-secrets.yaml',
    ]);
  });

  it('names the Secret after the project and robot, as valid object names', () => {
    expect(robotSecretName('team_a', 'builder')).toBe(
      'harbor-robot-team-a-builder',
    );
  });

  it('cuts the Secret name to the 253 characters Kubernetes allows, as the robot action writes it', () => {
    const name = robotSecretName('team-a', 'r'.repeat(300));
    expect(name).toHaveLength(253);
    expect(name.startsWith('harbor-robot-team-a-rrr')).toBe(true);
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
