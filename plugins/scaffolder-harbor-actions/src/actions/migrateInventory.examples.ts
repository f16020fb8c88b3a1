import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'By the mapping rules the platform team configured (harbor.migration.rules), as the migration page shows them',
    example: yaml.stringify({
      steps: [
        {
          id: 'inventory',
          action: 'harbor:migration:inventory',
          name: 'Old registry inventory',
        },
      ],
    }),
  },
  {
    description:
      'What the old registry holds and where each repository would go',
    example: yaml.stringify({
      steps: [
        {
          id: 'inventory',
          action: 'harbor:migration:inventory',
          name: 'Old registry inventory',
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
    description: 'Keep the whole source name inside one project',
    example: yaml.stringify({
      steps: [
        {
          id: 'inventory',
          action: 'harbor:migration:inventory',
          name: 'Old registry inventory',
          input: {
            rules: [{ prefix: '', project: 'legacy', keepPath: true }],
            concurrency: 16,
          },
        },
      ],
    }),
  },
];
