import {
  harborArtifactUrl,
  harborProjectUrl,
  harborRepositoryUrl,
} from './harborUiLinks';

const digest = `sha256:${'a'.repeat(64)}`;

describe('Harbor UI links', () => {
  it('links a project by its id', () => {
    expect(harborProjectUrl('https://harbor.example.com/', 7)).toBe(
      'https://harbor.example.com/harbor/projects/7/repositories',
    );
    expect(harborProjectUrl('https://harbor.example.com//', 7)).toBe(
      'https://harbor.example.com/harbor/projects/7/repositories',
    );
  });

  it('links a repository by its name inside the project', () => {
    expect(harborRepositoryUrl('https://h', 7, 'library', 'nginx')).toBe(
      'https://h/harbor/projects/7/repositories/nginx/artifacts-tab',
    );
    expect(
      harborRepositoryUrl('https://h', 7, 'library', 'library/nginx'),
    ).toBe('https://h/harbor/projects/7/repositories/nginx/artifacts-tab');
  });

  it('encodes the slashes of a nested repository name once, as one route segment', () => {
    expect(harborRepositoryUrl('https://h', 3, 'platform', 'team/app')).toBe(
      'https://h/harbor/projects/3/repositories/team%2Fapp/artifacts-tab',
    );
  });

  it('links an artifact by digest, under a UI served below a path', () => {
    expect(
      harborArtifactUrl('https://h/registry', 3, 'platform', 'a/b/c', digest),
    ).toBe(
      `https://h/registry/harbor/projects/3/repositories/a%2Fb%2Fc/artifacts-tab/artifacts/${digest}`,
    );
  });
});
