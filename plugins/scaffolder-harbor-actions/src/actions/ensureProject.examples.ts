import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A private project with scan on push and a 10 GiB quota',
    example: yaml.stringify({
      steps: [
        {
          id: 'project',
          action: 'harbor:project:ensure',
          name: 'Harbor project',
          input: { project: 'team-a', storageQuota: '10GiB' },
        },
      ],
    }),
  },
  {
    description:
      'Block pulls of images with high or critical vulnerabilities, on a named instance, without a quota limit',
    example: yaml.stringify({
      steps: [
        {
          id: 'project',
          action: 'harbor:project:ensure',
          name: 'Harbor project',
          input: {
            instance: 'prod',
            project: 'payments',
            preventVulnerable: 'high',
            reuseSystemCveAllowlist: true,
            storageQuota: '-1',
          },
        },
      ],
    }),
  },
  {
    description:
      'Only signed images can be pulled: cosign signatures required, and images with critical vulnerabilities blocked',
    example: yaml.stringify({
      steps: [
        {
          id: 'project',
          action: 'harbor:project:ensure',
          name: 'Harbor project',
          input: {
            project: 'payments',
            contentTrust: { cosign: true },
            preventVulnerableImages: { severity: 'critical' },
          },
        },
      ],
    }),
  },
  {
    description: 'A public project for open-source images',
    example: yaml.stringify({
      steps: [
        {
          id: 'project',
          action: 'harbor:project:ensure',
          name: 'Harbor project',
          input: { project: 'oss.tools', public: true, storageQuota: '500MiB' },
        },
      ],
    }),
  },
];
