import type { ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

/** Backstage's status indicators by what they say. */
const INDICATORS = {
  ok: StatusOK,
  warning: StatusWarning,
  pending: StatusPending,
  running: StatusRunning,
  error: StatusError,
  aborted: StatusAborted,
};

/** The kind of a status: which of Backstage's indicators shows it. */
export type StatusKind = keyof typeof INDICATORS;

/** A label with Backstage's status indicator of its kind. */
export function StatusIndicator(props: {
  kind: StatusKind;
  children: ReactNode;
}) {
  const Indicator = INDICATORS[props.kind];
  return <Indicator>{props.children}</Indicator>;
}
