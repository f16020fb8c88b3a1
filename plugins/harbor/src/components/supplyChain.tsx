import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import type { HarborArtifact } from '@backstage-harbor/plugin-harbor-common';

const KIND_LABEL: Record<string, string> = {
  cosign: 'cosign',
  notation: 'Notation',
};

/** "Signed (cosign, Notation)" or "Unsigned"; undefined when the backend sent no signature data. */
export function signatureLabel(artifact: HarborArtifact): string | undefined {
  if (!artifact.signature) return undefined;
  return artifact.signature.signed
    ? `Signed (${artifact.signature.kinds
        .map(k => KIND_LABEL[k] ?? k)
        .join(', ')})`
    : 'Unsigned';
}

/** How many latest artifacts are unsigned, and how many Harbor would refuse to pull. */
export function trustCounts(latest: Array<{ artifact: HarborArtifact }>): {
  unsigned: number;
  blocked: number;
} {
  return {
    unsigned: latest.filter(l => l.artifact.signature?.signed === false).length,
    blocked: latest.filter(l => l.artifact.pullable?.allowed === false).length,
  };
}

/**
 * Signature, SBOM and pull-ability of one artifact. A refused pull shows its reasons in full, so a developer
 * sees why a deployment of this image would fail.
 */
export function SupplyChainStatus(props: { artifact: HarborArtifact }) {
  const { artifact } = props;
  const signature = signatureLabel(artifact);
  const pullable = artifact.pullable;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {signature && (
          <Chip
            size="small"
            variant={artifact.signature?.signed ? 'default' : 'outlined'}
            label={signature}
          />
        )}
        {artifact.sbom && <Chip size="small" variant="outlined" label="SBOM" />}
        {pullable && (
          <Tooltip
            title={
              pullable.allowed
                ? "The project's policies allow pulling it"
                : pullable.reasons.join(' ')
            }
          >
            <Chip
              size="small"
              color={pullable.allowed ? 'default' : 'secondary'}
              label={pullable.allowed ? 'Pullable' : 'Pull blocked'}
            />
          </Tooltip>
        )}
      </Box>
      {pullable && !pullable.allowed && (
        <Box component="ul" m={0} pl={2}>
          {pullable.reasons.map(reason => (
            <Typography
              key={reason}
              component="li"
              variant="caption"
              color="textSecondary"
            >
              {reason}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
