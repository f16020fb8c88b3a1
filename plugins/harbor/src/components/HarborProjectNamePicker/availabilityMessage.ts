import type { HarborProjectAvailability } from '@backstage-harbor/plugin-harbor-common';

/** What the picker says about a checked name, and whether it stops the form (the template would be refused). */
export interface AvailabilityMessage {
  text: string;
  refused: boolean;
}

/**
 * The picker's words for the backend's answer. A project that exists is changed by the template only for whom
 * may change it: its owners, or for a project without an owner the platform team (issue #17); the actions
 * refuse everyone else, so the form says so before the template runs.
 */
export function describeAvailability(
  result: HarborProjectAvailability,
  fallback?: string,
): AvailabilityMessage {
  const name = `'${result.name}'`;
  if (!result.valid)
    return { text: result.reason ?? fallback ?? '', refused: true };
  if (result.available) return { text: `${name} is available`, refused: false };
  if (result.changeable === false) {
    return {
      text: result.owner
        ? `${name} already exists in Harbor, owned by ${result.owner}: you cannot change it`
        : `${name} already exists in Harbor without a recorded owner: the platform team must adopt it (by running this template with the owner to record)`,
      refused: true,
    };
  }
  if (result.changeable && !result.owner) {
    return {
      text: `${name} already exists in Harbor without a recorded owner; running the template adopts it for the owner you name`,
      refused: false,
    };
  }
  return {
    text: `${name} already exists in Harbor; running the template updates that project`,
    refused: false,
  };
}
