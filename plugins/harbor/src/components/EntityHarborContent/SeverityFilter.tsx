import { Box, Chip } from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  type Severity,
  type SeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import { severityColor } from '../severityColors';

const FILTER_SEVERITIES = SEVERITIES.filter(s => s !== 'None');

/** Chips that select the severities to show, each in its colour, with the count the filter would match. */
export function SeverityFilter(props: {
  selected: Severity[];
  counts?: SeverityCounts;
  onChange: (selected: Severity[]) => void;
}) {
  const { selected, counts, onChange } = props;
  const theme = useTheme();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 8 }}
      role="group"
      aria-label="Severity filter"
    >
      {FILTER_SEVERITIES.map(severity => {
        const on = selected.includes(severity);
        const colors = severityColor(theme, severity);
        return (
          <Chip
            key={severity}
            clickable
            aria-pressed={on}
            variant={on ? 'default' : 'outlined'}
            style={
              on
                ? { backgroundColor: colors.background, color: colors.color }
                : { borderColor: colors.background }
            }
            label={counts ? `${severity} (${counts[severity]})` : severity}
            onClick={() =>
              onChange(
                on
                  ? selected.filter(s => s !== severity)
                  : [...selected, severity],
              )
            }
          />
        );
      })}
    </Box>
  );
}
