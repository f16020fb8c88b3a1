import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  runbookSectionUrl,
  type RunbookSection,
} from '@backstage-harbor/plugin-harbor-common';

/** Where the runbook lives when `harbor.runbookUrl` is not configured: the container-registry System's TechDocs. */
export const DEFAULT_RUNBOOK_URL = '/docs/default/system/container-registry/';

/** The runbook's base address and a function giving a section's address under it. */
export function useRunbook(): {
  baseUrl: string;
  sectionUrl: (section: RunbookSection) => string;
} {
  const config = useApi(configApiRef);
  const baseUrl =
    config.getOptionalString('harbor.runbookUrl') ?? DEFAULT_RUNBOOK_URL;
  return {
    baseUrl,
    sectionUrl: section => runbookSectionUrl(baseUrl, section),
  };
}
