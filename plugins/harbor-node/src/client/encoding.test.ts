import {
  encodeRepositoryName,
  relativeRepositoryName,
  repositoryPathParam,
} from './encoding';

describe('encodeRepositoryName', () => {
  it('encodes a nested repository twice, as the spec asks for a/b -> a%252Fb', () => {
    expect(encodeRepositoryName('library', 'a/b')).toBe('a%252Fb');
  });

  it('strips the project prefix that Repository.name carries', () => {
    expect(encodeRepositoryName('library', 'library/team/app')).toBe(
      'team%252Fapp',
    );
    expect(relativeRepositoryName('library', 'library/app')).toBe('app');
  });

  it('keeps a repository that only starts with the project name', () => {
    expect(relativeRepositoryName('lib', 'library/app')).toBe('library/app');
  });

  it('leaves a flat name as it is', () => {
    expect(encodeRepositoryName('library', 'nginx')).toBe('nginx');
  });

  it('hands openapi-fetch the once-encoded form, since it encodes path parameters once more', () => {
    expect(repositoryPathParam('p', 'p/a/b')).toBe('a%2Fb');
    expect(encodeURIComponent(repositoryPathParam('p', 'p/a/b'))).toBe(
      encodeRepositoryName('p', 'a/b'),
    );
  });
});
