import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Keep the last 10 pushed tags of every repository, every night at 02:00',
    example: yaml.stringify({
      steps: [
        {
          id: 'retention',
          action: 'harbor:retention:ensure',
          name: 'Harbor retention',
          input: {
            project: 'team-a',
            rules: [{ keepLastPushed: 10 }],
            schedule: '0 0 2 * * *',
          },
        },
      ],
    }),
  },
  {
    description:
      'Keep release tags always and anything else only if pulled within 30 days, weekly',
    example: yaml.stringify({
      steps: [
        {
          id: 'retention',
          action: 'harbor:retention:ensure',
          name: 'Harbor retention',
          input: {
            project: 'team-a',
            rules: [
              { tags: 'v*', keepAlways: true, untagged: false },
              { repositories: '**', keepPulledWithinDays: 30 },
            ],
            schedule: '@weekly',
          },
        },
      ],
    }),
  },
];
