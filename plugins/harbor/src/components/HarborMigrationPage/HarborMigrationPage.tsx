import { Content, Header, Page } from '@backstage/core-components';
import { HarborMigrationContent } from './HarborMigrationContent';

/**
 * The migration page off the old docker-registry for apps on the legacy frontend system: per repository, old tags
 * against Harbor's, replication state and the workloads still pulling from the old registry.
 */
export function HarborMigrationPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Harbor migration"
        subtitle="Moving off the old docker-registry"
      />
      <Content>
        <HarborMigrationContent />
      </Content>
    </Page>
  );
}
