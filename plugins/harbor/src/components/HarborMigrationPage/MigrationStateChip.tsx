import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import type { MigrationRepositoryState } from '@backstage-harbor/plugin-harbor-common';
import { REPOSITORY_STATES } from './migrationStates';

const useStyles = makeStyles(theme => ({
  success: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
}));

/** A repository's migration state as a coloured chip, with what it means on hover. */
export function MigrationStateChip(props: { state: MigrationRepositoryState }) {
  const classes = useStyles();
  const display = REPOSITORY_STATES[props.state];
  return (
    <Tooltip title={display.help}>
      <Chip
        size="small"
        label={display.label}
        className={classes[display.color]}
        data-state={props.state}
      />
    </Tooltip>
  );
}
