import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check that every tag reached Harbor with the same digest',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'harbor:migration:verify',
          name: 'Verify the migration',
          input: {
            rules: [
              { prefix: 'team-a/', project: 'team-a' },
              { prefix: '', project: 'legacy' },
            ],
          },
        },
      ],
    }),
  },
];
