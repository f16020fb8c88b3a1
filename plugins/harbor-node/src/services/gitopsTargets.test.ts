import { ConfigReader } from '@backstage/config';
import {
  gitopsRepositoriesFromConfig,
  gitopsTargetsFromConfig,
} from './gitopsTargets';

const config = (gitops: object) => new ConfigReader({ harbor: { gitops } });

describe('the repositories harbor:gitops:commit may write to', () => {
  it('is the default repository alone, for both purposes, without harbor.gitops.repositories', () => {
    const targets = gitopsTargetsFromConfig(
      config({ defaultRepoUrl: 'https://git.example.com/platform/flux.git' }),
    );
    expect(targets.repositories()).toEqual([
      {
        url: 'https://git.example.com/platform/flux.git',
        purposes: ['platform', 'team'],
        baseBranch: 'main',
        allowBaseBranch: false,
        teamPath: 'platform/harbor/teams',
        platformPath: 'platform',
      },
    ]);
    expect(gitopsRepositoriesFromConfig(config({}))).toEqual([]);
  });

  it('is the list when configured, normalised, and then not the default repository', () => {
    const repositories = gitopsRepositoriesFromConfig(
      config({
        defaultRepoUrl: 'https://git.example.com/other.git',
        repositories: [
          {
            url: 'https://GIT.example.com/teams/flux.git/',
            purposes: ['team'],
            baseBranch: 'production',
            allowBaseBranch: true,
            teamPath: './teams/',
          },
          { url: 'https://git.example.com/platform.git', platformPath: '.' },
        ],
      }),
    );
    expect(repositories).toEqual([
      {
        url: 'https://git.example.com/teams/flux.git',
        purposes: ['team'],
        baseBranch: 'production',
        allowBaseBranch: true,
        teamPath: 'teams',
        platformPath: 'platform',
      },
      expect.objectContaining({
        url: 'https://git.example.com/platform.git',
        platformPath: '',
      }),
    ]);
  });

  it.each([
    [
      { url: 'ssh://git@git.example.com/flux.git' },
      'harbor.gitops.repositories[0].url must be an http(s) URL of a Git repository without credentials, query or fragment',
    ],
    [
      { url: 'https://u:p@git.example.com/flux.git' },
      'harbor.gitops.repositories[0].url must be an http(s) URL of a Git repository without credentials, query or fragment',
    ],
    [
      { url: 'https://git.example.com/flux.git', purposes: ['everything'] },
      "harbor.gitops.repositories[0].purposes must list one or more of platform, team, not 'everything'",
    ],
    [
      { url: 'https://git.example.com/flux.git', teamPath: '../x' },
      "harbor.gitops.repositories[0].teamPath must be a folder of the repository such as platform/harbor/teams ('/'-separated, no '.' or '..'), not '../x'",
    ],
    [
      { url: 'https://git.example.com/flux.git', teamPath: '.' },
      "harbor.gitops.repositories[0].teamPath must be a folder of the repository such as platform/harbor/teams ('/'-separated, no '.' or '..'), not '.'",
    ],
  ])('refuses the entry %j', (entry, message) => {
    expect(() =>
      gitopsRepositoriesFromConfig(config({ repositories: [entry] })),
    ).toThrow(message);
  });
});
