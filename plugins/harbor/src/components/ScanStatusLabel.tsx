import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { Tooltip } from '@material-ui/core';
import type { ScanSummary } from '@backstage-harbor/plugin-harbor-common';
import { scanStatusDisplay } from './severityColors';
import { formatDateTime } from './format';

const INDICATORS = {
  ok: StatusOK,
  warning: StatusWarning,
  pending: StatusPending,
  running: StatusRunning,
  error: StatusError,
  aborted: StatusAborted,
};

/** The scan state of an artifact with Backstage's status indicator and a tooltip that says what it means. */
export function ScanStatusLabel(props: { scan: ScanSummary }) {
  const { scan } = props;
  const display = scanStatusDisplay(scan.status);
  const Indicator = INDICATORS[display.indicator];
  const details = [
    display.description,
    scan.scanner &&
      `Scanner: ${scan.scanner.name}${
        scan.scanner.version ? ` ${scan.scanner.version}` : ''
      }`,
    scan.endTime && `Finished ${formatDateTime(scan.endTime)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={details}>
      <span>
        <Indicator>{display.label}</Indicator>
      </span>
    </Tooltip>
  );
}
