import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Make release tags (v*) immutable in every repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'immutability',
          action: 'harbor:immutability:ensure',
          name: 'Immutable release tags',
          input: { project: 'team-a', rules: [{ tags: 'v*' }] },
        },
      ],
    }),
  },
  {
    description: 'Protect semver tags of the api repositories only',
    example: yaml.stringify({
      steps: [
        {
          id: 'immutability',
          action: 'harbor:immutability:ensure',
          name: 'Immutable api tags',
          input: {
            project: 'team-a',
            rules: [
              { repositories: 'api/**', tags: '{v,}[0-9]*.[0-9]*.[0-9]*' },
            ],
          },
        },
      ],
    }),
  },
];
