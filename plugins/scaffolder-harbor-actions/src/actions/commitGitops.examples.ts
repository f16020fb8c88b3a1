import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Commit a team's rendered deliveries to a review branch, into the folder of the project owner's team",
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'harbor:gitops:commit',
          name: 'Commit to GitOps',
          input: {
            repoUrl: 'https://git.example.com/platform/gitops.git',
            purpose: 'team',
            project: 'team-a',
            sourcePath: 'gitops/platform/harbor/teams/team-a',
            targetPath: 'platform/harbor/teams/team-a',
            prune: false,
            branch: 'onboard-team-a',
            commitMessage: 'Onboard team-a to Harbor',
          },
        },
      ],
    }),
  },
  {
    description:
      "Commit the platform's manifests to a branch started from a release branch instead of the repository's base branch",
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'harbor:gitops:commit',
          name: 'Commit to GitOps',
          input: {
            repoUrl: 'https://git.example.com/platform/gitops.git',
            purpose: 'platform',
            sourcePath: 'gitops/platform/harbor',
            targetPath: 'platform/harbor',
            branch: 'harbor-platform-2025',
            baseBranch: 'release-2025',
          },
        },
      ],
    }),
  },
];
