import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Pull team repositories into their projects and the rest into legacy',
    example: yaml.stringify({
      steps: [
        {
          id: 'replicate',
          action: 'harbor:migration:replicate',
          name: 'Replicate from the old registry',
          input: {
            rules: [
              { prefix: 'team-a/', project: 'team-a' },
              { prefix: 'team-b/', project: 'team-b' },
              { prefix: '', project: 'legacy' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Start the replication on the prod instance without waiting for it',
    example: yaml.stringify({
      steps: [
        {
          id: 'replicate',
          action: 'harbor:migration:replicate',
          name: 'Replicate from the old registry',
          input: {
            instance: 'prod',
            registryName: 'old-registry',
            rules: [{ prefix: '', project: 'legacy', keepPath: true }],
            wait: false,
          },
        },
      ],
    }),
  },
];
