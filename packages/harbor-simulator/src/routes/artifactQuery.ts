import { badRequest } from '../errors';
import { matchesClause, parseQuery, QueryClause } from '../query';
import { ArtifactRecord } from '../state';

/**
 * The artifact list's own `q` keys (src/pkg/artifact/dao/dao.go): `tags` exact (`*` tagged, `nil` untagged)
 * or fuzzy with a case-sensitive SQL LIKE (`setTagQuery`), and `labels` only as an and-list of label ids
 * (`setLabelQuery`); anything else for them is a 400.
 */
function checkArtifactClause(clause: QueryClause): QueryClause {
  const key = clause.key.toLowerCase();
  if (clause.key !== 'tags' && clause.key !== 'Tags') {
    if (clause.key !== 'labels' && clause.key !== 'Labels') return clause;
    if (
      clause.kind !== 'and' ||
      !clause.values.every(v => /^[-+]?\d+$/.test(v))
    ) {
      throw badRequest(
        'the value of "labels" query can only be integer list with intersetion relationship',
      );
    }
    return { ...clause, key };
  }
  if (clause.kind !== 'exact' && clause.kind !== 'fuzzy') {
    throw badRequest(
      'the value of "tags" query can only be fuzzy match value or exact match value',
    );
  }
  return { ...clause, key };
}

function matchesArtifactClause(
  clause: QueryClause,
  artifact: ArtifactRecord,
): boolean {
  switch (clause.key) {
    case 'tags':
      if (clause.kind === 'fuzzy')
        return artifact.tags.some(t => t.name.includes(clause.value));
      if (clause.kind === 'exact' && clause.value === '*')
        return artifact.tags.length > 0;
      if (clause.kind === 'exact' && clause.value === 'nil')
        return artifact.tags.length === 0;
      return artifact.tags.some(t => matchesClause(clause, t.name));
    case 'labels':
      return (
        clause.kind === 'and' &&
        clause.values.every(id => artifact.labels.includes(Number(id)))
      );
    case 'digest':
      return matchesClause(clause, artifact.digest);
    case 'media_type':
      return matchesClause(clause, artifact.media_type);
    case 'type':
      return matchesClause(clause, artifact.type);
    case 'push_time':
      return matchesClause(
        clause,
        artifact.push_time.replace('T', ' ').slice(0, 19),
      );
    default:
      return true;
  }
}

/** The filter of an artifact list's `q`; a malformed `q` is a 400 even when the repository is empty. */
export function artifactFilter(
  q: string | undefined,
): (artifact: ArtifactRecord) => boolean {
  const clauses = parseQuery(q).map(checkArtifactClause);
  return artifact => clauses.every(c => matchesArtifactClause(c, artifact));
}
