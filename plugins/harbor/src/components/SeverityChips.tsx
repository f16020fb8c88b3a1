import { Chip, Tooltip } from '@material-ui/core';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  type Severity,
  type SeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import { severityColor } from './severityColors';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  chip: { fontWeight: theme.typography.fontWeightBold as number, margin: 0 },
}));

/** One severity as a coloured badge, optionally with a count. */
export function SeverityChip(props: {
  severity: Severity;
  count?: number;
  /** Replaces the severity name. */
  label?: string;
  size?: 'small' | 'medium';
}) {
  const { severity, count, label = severity, size = 'small' } = props;
  const theme = useTheme();
  const classes = useStyles();
  const { background, color } = severityColor(theme, severity);
  return (
    <Chip
      size={size}
      className={classes.chip}
      style={{ backgroundColor: background, color }}
      label={count === undefined ? label : `${label} ${count}`}
    />
  );
}

/** The severities with findings, worst first, as coloured counts; a clear word when there are none. */
export function SeverityCountChips(props: {
  counts: SeverityCounts;
  /** Shown instead of the chips when every count is 0. */
  emptyLabel?: string;
}) {
  const { counts, emptyLabel = 'No vulnerabilities' } = props;
  const classes = useStyles();
  const present = SEVERITIES.filter(s => s !== 'None' && counts[s] > 0);
  if (present.length === 0) {
    return <SeverityChip severity="None" label={emptyLabel} />;
  }
  return (
    <Tooltip title={present.map(s => `${counts[s]} ${s}`).join(', ')}>
      <div className={classes.chips}>
        {present.map(s => (
          <SeverityChip key={s} severity={s} count={counts[s]} />
        ))}
      </div>
    </Tooltip>
  );
}
