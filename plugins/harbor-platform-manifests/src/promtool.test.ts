import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  ALERT_CASES,
  AlertCase,
  BEFORE_FIRST_BACKUP,
  HEALTHY_PLATFORM,
} from './__testUtils__/alertCases';
import { findObject, minimalSpec } from './__testUtils__/fixtures';
import {
  HarborAlertName,
  PrometheusAlertRule,
  PrometheusRule,
} from './monitoring';
import { renderHarborPlatform } from './render';

/**
 * The rendered alert rules through Prometheus's own `promtool` (Debian package `prometheus`, installed by
 * scripts/system-packages.sh): `check rules`, and `test rules` with a failing and a healthy series per alert.
 */
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
/** Three days of samples per alert take promtool a minute or more on a busy CI machine. */
const PROMTOOL_TIMEOUT_MS = 600_000;

function promtoolVersion(): string | undefined {
  try {
    return execFileSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

const rule = findObject<PrometheusRule>(
  renderHarborPlatform(minimalSpec),
  'PrometheusRule',
);
const rules = rule.spec.groups.flatMap(g => g.rules);
const ruleOf = (name: HarborAlertName) => rules.find(r => r.alert === name)!;

/** `{{ $labels.x }}` as Prometheus expands it, for the expected annotations. */
function expand(text: string, labels: Record<string, string>): string {
  return text.replace(
    /\{\{ \$labels\.(\w+) \}\}/g,
    (_m, key) => labels[key] ?? '',
  );
}

function expectedAlert(r: PrometheusAlertRule, labels: Record<string, string>) {
  const all = { ...labels, severity: r.labels.severity };
  return {
    exp_labels: all,
    exp_annotations: Object.fromEntries(
      Object.entries(r.annotations).map(([k, v]) => [k, expand(v, all)]),
    ),
  };
}

function testGroups() {
  const names = Object.keys(ALERT_CASES) as HarborAlertName[];
  const caseGroups = names.flatMap(name => {
    const c: AlertCase = ALERT_CASES[name];
    const r = ruleOf(name);
    return [
      {
        name: `${name} fires on its failure`,
        interval: '1m',
        input_series: c.failing,
        alert_rule_test: [
          {
            eval_time: c.evalTime,
            alertname: name,
            exp_alerts: [expectedAlert(r, c.labels)],
          },
        ],
      },
      {
        name: `${name} stays quiet on a healthy series`,
        interval: '1m',
        input_series: c.healthy,
        alert_rule_test: [
          { eval_time: c.evalTime, alertname: name, exp_alerts: [] },
        ],
      },
    ];
  });
  return [
    ...caseGroups,
    {
      name: 'no alert fires on a healthy platform',
      interval: '1m',
      input_series: HEALTHY_PLATFORM,
      alert_rule_test: ['45m', '50h'].flatMap(evalTime =>
        names.map(name => ({
          eval_time: evalTime,
          alertname: name,
          exp_alerts: [],
        })),
      ),
    },
    beforeFirstBackup(),
  ];
}

/** The smaller point of issue #19: no backup alert may fire before the first backup exists, but a day later one does. */
function beforeFirstBackup() {
  const missing = ruleOf('HarborDatabaseBackupMissing');
  return {
    name: 'before the first backup only HarborDatabaseBackupMissing fires, after a day',
    interval: '1m',
    input_series: BEFORE_FIRST_BACKUP.series,
    alert_rule_test: [
      ...['2h', '50h'].flatMap(evalTime =>
        BEFORE_FIRST_BACKUP.quiet.map(name => ({
          eval_time: evalTime,
          alertname: name,
          exp_alerts: [],
        })),
      ),
      { eval_time: '23h', alertname: missing.alert, exp_alerts: [] },
      {
        eval_time: '50h',
        alertname: missing.alert,
        exp_alerts: [expectedAlert(missing, {})],
      },
    ],
  };
}

function runPromtool(
  args: string[],
  cwd: string,
): { ok: boolean; output: string } {
  try {
    return {
      ok: true,
      output: execFileSync(PROMTOOL, args, {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    };
  } catch (error: any) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

describe('alert rules under promtool', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-promtool-'));
    fs.writeFileSync(
      path.join(dir, 'rules.yaml'),
      stringify({ groups: rule.spec.groups }),
    );
    fs.writeFileSync(
      path.join(dir, 'tests.yaml'),
      stringify({
        rule_files: ['rules.yaml'],
        evaluation_interval: '1m',
        tests: testGroups(),
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has promtool (Debian package prometheus; scripts/system-packages.sh installs it)', () => {
    expect({
      promtool: PROMTOOL,
      found: promtoolVersion() !== undefined,
    }).toEqual({
      promtool: PROMTOOL,
      found: true,
    });
  });

  it('has a failing and a healthy case for every alert of the rule', () => {
    expect(Object.keys(ALERT_CASES).sort()).toEqual(
      rules.map(r => r.alert).sort(),
    );
  });

  it('passes promtool check rules', () => {
    if (!promtoolVersion())
      throw new Error(`${PROMTOOL} not found: install the prometheus package`);
    const result = runPromtool(['check', 'rules', 'rules.yaml'], dir);
    expect(result).toMatchObject({ ok: true });
    expect(result.output).toMatch(
      new RegExp(`SUCCESS: ${rules.length} rules found`),
    );
  });

  it(
    'passes promtool test rules: each alert fires on its failure with its labels and runbook_url, none on healthy series',
    () => {
      if (!promtoolVersion())
        throw new Error(
          `${PROMTOOL} not found: install the prometheus package`,
        );
      const result = runPromtool(['test', 'rules', 'tests.yaml'], dir);
      expect(result.output).toMatch(/SUCCESS/);
      expect(result).toMatchObject({ ok: true });
    },
    PROMTOOL_TIMEOUT_MS,
  );

  it(
    'would catch the old backup expression, which fires before the first backup (the test can fail)',
    () => {
      if (!promtoolVersion())
        throw new Error(
          `${PROMTOOL} not found: install the prometheus package`,
        );
      // Without `> 0` the plugin's 0 before the first backup reads as a backup from 1970.
      const stale = ruleOf('HarborDatabaseBackupStale');
      const broken = {
        groups: [
          {
            name: 'broken',
            rules: [{ ...stale, expr: stale.expr.replace(' > 0)', ')') }],
          },
        ],
      };
      fs.writeFileSync(path.join(dir, 'broken.yaml'), stringify(broken));
      fs.writeFileSync(
        path.join(dir, 'broken-tests.yaml'),
        stringify({
          rule_files: ['broken.yaml'],
          evaluation_interval: '1m',
          tests: [beforeFirstBackup()],
        }),
      );
      const result = runPromtool(['test', 'rules', 'broken-tests.yaml'], dir);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/alertname: HarborDatabaseBackupStale/);
    },
    PROMTOOL_TIMEOUT_MS,
  );
});
