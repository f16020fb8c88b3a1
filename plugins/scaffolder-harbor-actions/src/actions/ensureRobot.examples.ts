import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A push robot for CI and a pull robot for the clusters; their credentials land in Kubernetes Secrets, never in the task log',
    example: yaml.stringify({
      steps: [
        {
          id: 'robots',
          action: 'harbor:robot:ensure',
          name: 'Harbor robots',
          input: {
            project: 'team-a',
            robots: [
              { name: 'ci', access: 'pull+push', expiresInDays: 90 },
              { name: 'deploy', access: 'pull' },
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'A pull robot whose credentials go to a chosen Secret name',
    example: yaml.stringify({
      steps: [
        {
          id: 'robots',
          action: 'harbor:robot:ensure',
          name: 'Harbor robot',
          input: {
            project: 'team-a',
            robots: [
              {
                name: 'argocd',
                access: 'pull',
                secretName: 'team-a-registry-pull',
              },
            ],
          },
        },
      ],
    }),
  },
];
