import type { ReactNode } from 'react';
import { Box } from '@material-ui/core';

/** Items side by side, centred and wrapping: chips, labels and links on one line of a card or header. */
export function InlineRow(props: {
  gap?: number;
  mt?: number;
  mb?: number;
  children: ReactNode;
}) {
  const { gap = 8, mt, mb, children } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap }}
      mt={mt}
      mb={mb}
    >
      {children}
    </Box>
  );
}
