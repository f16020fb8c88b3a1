import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'The owning team maintains the project; a user gets guest access',
    example: yaml.stringify({
      steps: [
        {
          id: 'members',
          action: 'harbor:members:ensure',
          name: 'Harbor members',
          input: {
            project: 'team-a',
            members: [
              { entity: 'group:default/team-a', role: 'maintainer' },
              { entity: 'user:default/alice', role: 'guest' },
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'The owner picked in the form becomes project admin',
    example: yaml.stringify({
      steps: [
        {
          id: 'members',
          action: 'harbor:members:ensure',
          name: 'Harbor members',
          input: {
            project: '${{ parameters.project }}',
            members: [
              { entity: '${{ parameters.owner }}', role: 'projectAdmin' },
            ],
          },
        },
      ],
    }),
  },
];
