import type { Theme } from '@material-ui/core/styles';
import '@backstage/theme';
import type {
  ScanStatus,
  Severity,
} from '@backstage-harbor/plugin-harbor-common';

/** The colours of a severity badge. */
export interface SeverityColor {
  background: string;
  color: string;
}

type StatusColor = keyof Theme['palette']['status'];

/*
 * Severities take the Backstage theme's status colours, so they follow the light and dark themes and read the
 * same as the rest of Backstage: red is an error, orange a warning.
 */
const SEVERITY_STATUS: Record<Severity, StatusColor> = {
  Critical: 'error',
  High: 'warning',
  Medium: 'pending',
  Low: 'running',
  Negligible: 'aborted',
  Unknown: 'aborted',
  None: 'ok',
};

/** The badge colours of a severity in the current theme. */
export function severityColor(theme: Theme, severity: Severity): SeverityColor {
  const background = theme.palette.status[SEVERITY_STATUS[severity]];
  return { background, color: theme.palette.getContrastText(background) };
}

/** The series colour of a severity in a chart: the badge background. */
export function severityStroke(theme: Theme, severity: Severity): string {
  return theme.palette.status[SEVERITY_STATUS[severity]];
}

/** How a scan status reads, and which Backstage status indicator shows it. */
export interface ScanStatusDisplay {
  label: string;
  indicator: 'ok' | 'pending' | 'running' | 'error' | 'aborted' | 'warning';
  /** Why the status matters, for the tooltip. */
  description: string;
}

const SCAN_STATUS: Record<ScanStatus, ScanStatusDisplay> = {
  success: {
    label: 'Scanned',
    indicator: 'ok',
    description: 'The scanner finished; the counts are complete.',
  },
  'not-scanned': {
    label: 'Not scanned',
    indicator: 'warning',
    description:
      'Harbor has no scan report: this is not the same as no vulnerabilities. Scan it in Harbor.',
  },
  queued: {
    label: 'Queued',
    indicator: 'pending',
    description: 'Waiting for the scanner.',
  },
  scanning: {
    label: 'Scanning',
    indicator: 'running',
    description: 'The scanner is running.',
  },
  error: {
    label: 'Scan failed',
    indicator: 'error',
    description: 'The scanner reported an error; see the scan log in Harbor.',
  },
  stopped: {
    label: 'Scan stopped',
    indicator: 'aborted',
    description: 'The scan was stopped before it finished.',
  },
  unsupported: {
    label: 'Not scannable',
    indicator: 'aborted',
    description: 'The scanner does not support this artifact type.',
  },
};

/** The display of a scan status. */
export function scanStatusDisplay(status: ScanStatus): ScanStatusDisplay {
  return SCAN_STATUS[status] ?? SCAN_STATUS['not-scanned'];
}
