import {
  configKeyErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelValueErrors,
  metadataMapErrors,
  qualifiedNameErrors,
} from './names';

describe('name rules', () => {
  it('accepts DNS-1123 subdomains with dots and refuses upper case and underscores', () => {
    expect(dns1123SubdomainErrors('harbor.example.com-tls')).toEqual([]);
    expect(dns1123SubdomainErrors('Bad_Name')).toHaveLength(1);
    expect(dns1123SubdomainErrors('a'.repeat(254))).toContain(
      'must be no more than 253 characters',
    );
  });

  it('refuses dots and more than 63 characters in DNS-1123 labels', () => {
    expect(dns1123LabelErrors('team-a')).toEqual([]);
    expect(dns1123LabelErrors('team.a')).toHaveLength(1);
    expect(dns1123LabelErrors('a'.repeat(64))).toContain(
      'must be no more than 63 characters',
    );
  });

  it('checks label keys as qualified names and label values', () => {
    expect(qualifiedNameErrors('backstage.io/kubernetes-id')).toEqual([]);
    expect(qualifiedNameErrors('Example.com/x')).toHaveLength(1);
    expect(qualifiedNameErrors('a/b/c')).toHaveLength(1);
    expect(labelValueErrors('')).toEqual([]);
    expect(labelValueErrors('-web')).toHaveLength(1);
  });

  it('accepts config keys such as .dockerconfigjson and refuses spaces and ..', () => {
    expect(configKeyErrors('.dockerconfigjson')).toEqual([]);
    expect(configKeyErrors('bad key')).toHaveLength(1);
    expect(configKeyErrors('..data')).toEqual(["must not start with '..'"]);
  });

  it('reports a bad label value under its key', () => {
    expect(metadataMapErrors({ labels: { app: 'web app' } })).toEqual([
      expect.objectContaining({
        field: 'metadata.labels[app]',
        reason: 'FieldValueInvalid',
      }),
    ]);
  });
});
