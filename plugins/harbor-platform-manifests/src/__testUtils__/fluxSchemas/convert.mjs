// openAPIV3Schema of one CRD version → JSON schema, as datreeio/CRDs-catalog's openapi2jsonschema.py does it.
import { parse } from 'yaml';
import fs from 'node:fs';

const [file, version, target] = process.argv.slice(2);
const crd = parse(fs.readFileSync(file, 'utf8'));
const schema = crd.spec.versions.find(v => v.name === version).schema
  .openAPIV3Schema;
function fix(node) {
  if (Array.isArray(node)) return node.map(fix);
  if (node && typeof node === 'object') {
    const fixed = {};
    for (const [k, v] of Object.entries(node)) fixed[k] = fix(v);
    if (fixed.format === 'int-or-string') {
      delete fixed.format;
      fixed.oneOf = [{ type: 'string' }, { type: 'integer' }];
    }
    if (fixed.properties && !('additionalProperties' in fixed))
      fixed.additionalProperties = false;
    return fixed;
  }
  return node;
}
const root = fix(schema);
// The catalog leaves the root open (apiVersion/kind/metadata are checked elsewhere).
delete root.additionalProperties;
fs.writeFileSync(target, `${JSON.stringify(root, null, 2)}\n`);
