import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Deliver the robots' pull secrets to the team's namespaces and commit the manifests",
    example: yaml.stringify({
      steps: [
        {
          id: 'deliveries',
          action: 'harbor:team:render',
          name: 'Render the robot deliveries',
          input: {
            project: 'team-a',
            robots: [{ name: 'ci' }, { name: 'deploy' }],
            teamNamespaces: ['team-a', 'team-a-staging'],
            // The folder of the project owner's team, where harbor:gitops:commit takes its deliveries.
            basePath: 'platform/harbor/teams/team-a',
          },
        },
        {
          id: 'commit',
          action: 'harbor:gitops:commit',
          name: 'Commit to the platform repository',
          input: {
            purpose: 'team',
            project: 'team-a',
            branch: 'onboard-team-a',
            sourcePath: '${{ steps.deliveries.output.sourcePath }}',
            targetPath: '${{ steps.deliveries.output.repoPath }}',
            prune: false,
          },
        },
      ],
    }),
  },
  {
    description: 'A 1Password Connect store and a non-default teams folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'deliveries',
          action: 'harbor:team:render',
          name: 'Render the robot deliveries',
          input: {
            project: 'payments',
            robots: [{ name: 'deploy' }],
            clusterSecretStore: 'op-connect',
            provider: 'onepassword',
            basePath: 'clusters/prod/harbor/teams',
          },
        },
      ],
    }),
  },
];
