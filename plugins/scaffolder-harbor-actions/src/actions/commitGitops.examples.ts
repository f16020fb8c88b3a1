import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit the rendered manifests to a branch of the platform GitOps repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'harbor:gitops:commit',
          name: 'Commit to GitOps',
          input: {
            repoUrl: 'https://git.example.com/platform/gitops.git',
            sourcePath: 'manifests',
            branch: 'onboard-team-a',
            commitMessage: 'Onboard team-a to Harbor',
          },
        },
      ],
    }),
  },
  {
    description: 'Branch from a release branch instead of main',
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'harbor:gitops:commit',
          name: 'Commit to GitOps',
          input: {
            repoUrl: 'https://git.example.com/platform/gitops.git',
            branch: 'team-a-quota',
            baseBranch: 'release-2025',
          },
        },
      ],
    }),
  },
];
