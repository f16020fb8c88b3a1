import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

/** Every Harbor scaffolder action. The provisioning actions are added here as they are built. */
export function createHarborActions(): TemplateAction<any, any, any>[] {
  return [];
}
