import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Tell the deployment pipeline about every push',
    example: yaml.stringify({
      steps: [
        {
          id: 'webhook',
          action: 'harbor:webhook:ensure',
          name: 'Harbor webhook',
          input: {
            project: 'team-a',
            name: 'deployer',
            url: 'https://deployer.example.com/hooks/harbor',
            events: ['PUSH_ARTIFACT'],
          },
        },
      ],
    }),
  },
  {
    description: 'Scan results and quota warnings as CloudEvents',
    example: yaml.stringify({
      steps: [
        {
          id: 'webhook',
          action: 'harbor:webhook:ensure',
          name: 'Harbor webhook',
          input: {
            project: 'team-a',
            name: 'security',
            url: 'https://events.example.com/harbor',
            events: ['SCANNING_COMPLETED', 'SCANNING_FAILED', 'QUOTA_WARNING'],
            payloadFormat: 'CloudEvents',
          },
        },
      ],
    }),
  },
];
