import { Tooltip } from '@material-ui/core';
import type { ScanSummary } from '@backstage-harbor/plugin-harbor-common';
import { scanStatusDisplay } from './severityColors';
import { formatDateTime } from './format';
import { StatusIndicator } from './StatusIndicator';

/** The scan state of an artifact with Backstage's status indicator and a tooltip that says what it means. */
export function ScanStatusLabel(props: { scan: ScanSummary }) {
  const { scan } = props;
  const display = scanStatusDisplay(scan.status);
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
        <StatusIndicator kind={display.indicator}>
          {display.label}
        </StatusIndicator>
      </span>
    </Tooltip>
  );
}
