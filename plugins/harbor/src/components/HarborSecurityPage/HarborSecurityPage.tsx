import { Content, Header, Page } from '@backstage/core-components';
import { HarborSecurityContent } from './HarborSecurityContent';

/**
 * The fleet security page for apps on the legacy frontend system: which images have a CVE or package, who owns
 * them and whether they run.
 */
export function HarborSecurityPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Harbor security"
        subtitle="Which of our images have a vulnerability, who owns them, and does it run"
      />
      <Content>
        <HarborSecurityContent />
      </Content>
    </Page>
  );
}
