import { findChartConflicts } from '../__testUtils__/chartConflicts';
import { loadChart, renderChart } from '../__testUtils__/chartTemplates';
import {
  allObjects,
  findObject,
  goharborMinimalSpec,
} from '../__testUtils__/fixtures';
import { GOHARBOR_CHART_DIR } from '../__testUtils__/goharborChart';
import { renderHarborPlatform } from '../render';
import { renderTeamRobotDelivery, robotSecretName } from '../teamDelivery';
import type { GoharborHelmRelease } from './helmRelease';

const chart = loadChart(GOHARBOR_CHART_DIR);

describe('robot deliveries beside the official chart', () => {
  const platform = renderHarborPlatform(goharborMinimalSpec);
  const release = findObject<GoharborHelmRelease>(platform, 'HelmRelease');
  const options = { releaseName: 'harbor', namespace: 'harbor' };
  // Project and robot names that come closest to the chart's own `harbor-<component>` names.
  const robots = [
    ['core', 'registry'],
    ['registry', 'htpasswd'],
    ['payments', 'ci_pull'],
  ];
  const deliveries = robots.flatMap(([project, robot]) =>
    allObjects(
      renderTeamRobotDelivery({
        project,
        robot,
        sourceNamespace: 'harbor',
        teamNamespaces: [`${project}-dev`],
      }),
    ),
  );

  it('shares no object name with the chart', () => {
    const chartNames = new Set(
      renderChart(chart, release.spec.values, options).objects.map(
        o => `${o.kind}/${o.namespace}/${o.name}`,
      ),
    );
    const robotSecrets = robots.map(([p, r]) => robotSecretName(p, r));
    expect(
      robotSecrets.filter(name => chartNames.has(`Secret/harbor/${name}`)),
    ).toEqual([]);
    expect(
      findChartConflicts({
        chart,
        values: release.spec.values,
        ...options,
        ourObjects: [...allObjects(platform), ...deliveries],
        operatorObjects: [
          {
            kind: 'Secret',
            namespace: 'harbor',
            name: 'harbor-db-app',
            keys: ['password'],
            by: 'CloudNativePG',
          },
          {
            kind: 'Secret',
            namespace: 'harbor',
            name: 'harbor.internal.example.com-tls',
            keys: ['tls.crt', 'tls.key', 'ca.crt'],
            by: 'cert-manager',
          },
        ],
      }).filter(
        // Whole-Secret reads of S3 keys and the TLS Secret: checked with the chart's own keys in chartConflicts.test.ts.
        problem =>
          !/reads all of Secret (harbor-s3|harbor\.internal\.example\.com-tls):/.test(
            problem,
          ),
      ),
    ).toEqual([]);
  });
});
