import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render the Harbor platform into the workspace folder gitops, then commit it',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'harbor:platform:render',
          name: 'Render the Harbor platform',
          input: {
            platform: {
              hostname: 'harbor.internal.example.com',
              storageClass: 'ceph-block',
              s3: {
                endpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc',
                bucket: 'harbor-registry',
                encrypt: false,
              },
              ingress: { className: 'internal', clusterIssuer: 'internal-ca' },
              onePassword: { clusterSecretStore: 'onepassword' },
              monitoring: {
                runbookBaseUrl:
                  'https://backstage.example.com/docs/default/system/container-registry',
              },
            },
          },
        },
        {
          id: 'commit',
          action: 'harbor:gitops:commit',
          name: 'Commit to the platform repository',
          input: {
            repoUrl: 'https://git.example.com/platform/gitops.git',
            purpose: 'platform',
            branch: 'harbor-platform',
            sourcePath: '${{ steps.render.output.sourcePath }}',
            targetPath: '${{ steps.render.output.repoPath }}',
            prune: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Three replicas per component and a Connect-server 1Password store',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'harbor:platform:render',
          name: 'Render the Harbor platform',
          input: {
            platform: {
              hostname: 'harbor.example.com',
              s3: { endpoint: 'https://s3.example.com' },
              ingress: { className: 'traefik', clusterIssuer: 'letsencrypt' },
              onePassword: {
                clusterSecretStore: 'op-connect',
                provider: 'onepassword',
              },
              replicas: { core: 3, registry: 3, portal: 3, jobservice: 3 },
              monitoring: {
                runbookBaseUrl:
                  'https://backstage.example.com/docs/default/system/container-registry',
              },
            },
            targetPath: 'platform-repo',
          },
        },
      ],
    }),
  },
  {
    description:
      'An internal-only cluster: the production profile, Trivy databases from a Harbor proxy cache, the dashboard for grafana-operator, Flux 2.7 or later',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'harbor:platform:render',
          name: 'Render the Harbor platform',
          input: {
            platform: {
              hostname: 'harbor.internal.example.com',
              s3: { endpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc' },
              ingress: { className: 'internal', clusterIssuer: 'internal-ca' },
              resources: {
                profile: 'production',
                overrides: { trivy: { limits: { memory: '4Gi' } } },
              },
              trivy: {
                dbRepositories: [
                  'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-db',
                ],
                javaDbRepositories: [
                  'harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-java-db',
                ],
              },
              monitoring: {
                runbookBaseUrl:
                  'https://backstage.example.com/docs/default/system/container-registry',
                dashboards: 'operator',
              },
              flux: { minimumVersion: '2.7' },
            },
          },
        },
      ],
    }),
  },
];
