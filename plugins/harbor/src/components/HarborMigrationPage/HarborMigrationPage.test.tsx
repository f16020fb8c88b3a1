import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { harborApiRef } from '../../api';
import { httpError, mockHarborApi } from '../../__testUtils__/renderWithApis';
import { HarborMigrationPage } from './HarborMigrationPage';
import { migrationStatus } from './migrationFixtures';

function render(getMigrationStatus: jest.Mock) {
  const api = mockHarborApi({ getMigrationStatus });
  return renderInTestApp(
    <TestApiProvider apis={[[harborApiRef, api]]}>
      <HarborMigrationPage />
    </TestApiProvider>,
  );
}

describe('HarborMigrationPage', () => {
  it('sums up the migration and shows each repository with its state, replication and workloads', async () => {
    await render(jest.fn().mockResolvedValue(migrationStatus));
    expect(
      await screen.findByText(
        '1 of 4 repositories migrated, 2 workloads still on the old registry — the old registry can go when both are zero',
      ),
    ).toBeInTheDocument();
    const row = (source: string) =>
      within(screen.getAllByText(source)[0].closest('tr')!);
    expect(row('team-a/api').getByText('Migrated')).toBeInTheDocument();
    expect(row('team-a/api').getByText('2 of 2')).toBeInTheDocument();
    expect(
      row('team-a/api').getByRole('link', {
        name: /^Succeeded \(4\/4 copied\)/,
      }),
    ).toHaveAttribute('href', 'https://harbor.example.com/harbor/replications');
    expect(
      row('team-a/api').getByText('team-a/ReplicaSet/api-7c9d'),
    ).toBeInTheDocument();
    expect(row('team-a/web').getByText('Missing tags')).toBeInTheDocument();
    expect(row('team-a/cli').getByText('Digest mismatch')).toBeInTheDocument();
    expect(row('legacy-app').getByText('Not replicated')).toBeInTheDocument();
    expect(row('legacy-app').getByText('Policy never run')).toBeInTheDocument();
  });

  it('compares the tags of a repository digest by digest in its detail panel', async () => {
    await render(jest.fn().mockResolvedValue(migrationStatus));
    const row = (await screen.findAllByText('team-a/cli'))[0].closest('tr')!;
    await userEvent.click(within(row).getAllByRole('button')[0]);
    const panel = await screen.findByText('Tags of team-a/cli');
    expect(panel).toBeInTheDocument();
    expect(screen.getByText('Other digest')).toBeInTheDocument();
  });

  it('says the old registry can go when everything is migrated and nothing pulls from it', async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...migrationStatus,
        repositories: [migrationStatus.repositories[0]],
        summary: {
          repositories: 1,
          migrated: 1,
          workloadsOnOldRegistry: 0,
          canRetire: true,
        },
      }),
    );
    expect(
      await screen.findByText(/the old registry can go\.$/),
    ).toBeInTheDocument();
  });

  it('explains the configuration when no old registry is configured', async () => {
    await render(
      jest.fn().mockResolvedValue({
        configured: false,
        message:
          'No old registry is configured: set harbor.migration.sourceRegistry.url (and .username, .password) in the app-config of the backend',
      }),
    );
    expect(
      await screen.findByText('No old registry configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/set harbor\.migration\.sourceRegistry\.url/),
    ).toBeInTheDocument();
  });

  it('tells a user without harbor.migration.read to ask the platform team', async () => {
    await render(
      jest
        .fn()
        .mockRejectedValue(
          httpError(403, 'This needs the permission harbor.migration.read'),
        ),
    );
    expect(
      await screen.findByText("You don't have access"),
    ).toBeInTheDocument();
    expect(screen.getByText(/harbor\.migration\.read/)).toBeInTheDocument();
  });

  it('shows the backend naming the old registry when it is down', async () => {
    await render(
      jest
        .fn()
        .mockRejectedValue(
          httpError(
            503,
            'The old registry at https://registry.old.example.com (harbor.migration.sourceRegistry) cannot be read: connection refused',
          ),
        ),
    );
    expect(
      await screen.findByText(
        /The old registry at https:\/\/registry\.old\.example\.com/,
      ),
    ).toBeInTheDocument();
  });
});
