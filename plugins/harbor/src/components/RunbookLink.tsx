import { Link } from '@backstage/core-components';
import type { RunbookSection } from '@backstage-harbor/plugin-harbor-common';
import { useRunbook } from './runbook';

/** A link to the runbook section about a finding: what it means and how to fix it. */
export function RunbookLink(props: { section: RunbookSection; what: string }) {
  const { sectionUrl } = useRunbook();
  return (
    <>
      {' '}
      <Link
        to={sectionUrl(props.section)}
        aria-label={`Runbook: ${props.what}`}
      >
        Runbook
      </Link>
    </>
  );
}
