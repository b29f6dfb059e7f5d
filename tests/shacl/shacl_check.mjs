// Validates RDF data against SHACL shapes with rdf-validate-shacl, an engine independent
// of ildkg.
//
//   node shacl_check.mjs SHAPES DATA...
//
// SHAPES is Turtle. Each DATA file is read by its extension: .ttl (Turtle), .nt
// (N-Triples), .nq (N-Quads), .jsonld / .json (JSON-LD; contexts must be inline, nothing
// is fetched). All DATA files are merged into one data graph; the graph names of N-Quads
// and JSON-LD named graphs are dropped (the union of all graphs is validated).
//
// Output: one line a validation result, sorted,
//   focus <IRI> path <IRI> constraint <IRI> : MESSAGE [value VALUE]
// (path - for a result without a path, ^<IRI> for an inverse path), then `conforms` or
// `N violations`. Exit 0 when the data conforms, 1 when it does not, 2 on a usage or
// parse error.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Parser as N3Parser } from 'n3';
import { JsonLdParser } from 'jsonld-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';

const SH = 'http://www.w3.org/ns/shacl#';

function fail(msg) {
  process.stderr.write(`shacl_check: ${msg}\n`);
  process.exit(2);
}

function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: ${e.message}`);
  }
}

const formats = {
  '.ttl': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.jsonld': 'jsonld',
  '.json': 'jsonld',
};

function parseJsonLd(text, file) {
  return new Promise((resolve, reject) => {
    const quads = [];
    const parser = new JsonLdParser({
      baseIRI: 'file://' + file,
      // never fetch a remote context: the exports carry theirs inline
      documentLoader: { load: async url => { throw new Error(`remote context not allowed: ${url}`); } },
    });
    parser.on('data', q => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

async function parse(file, forceFormat) {
  const format = forceFormat || formats[extname(file).toLowerCase()];
  if (!format) fail(`${file}: unknown extension (expected .ttl, .nt, .nq, .jsonld)`);
  const text = read(file);
  try {
    if (format === 'jsonld') return await parseJsonLd(text, file);
    return new N3Parser({ format, baseIRI: 'file://' + file }).parse(text);
  } catch (e) {
    fail(`${file}: parse error: ${e.message}`);
  }
}

function show(term) {
  if (!term) return '-';
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      const s = JSON.stringify(term.value);
      if (term.language) return `${s}@${term.language}`;
      if (term.datatype && term.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') return `${s}^^<${term.datatype.value}>`;
      return s;
    }
    default: return term.value;
  }
}

// A result's path: an IRI, or ^IRI for an inverse path; other paths as their node.
function showPath(result) {
  const path = result.path;
  if (!path) return '-';
  if (path.termType === 'BlankNode') {
    const inv = result.pointer.out(factory.namedNode(SH + 'resultPath')).out(factory.namedNode(SH + 'inversePath')).term;
    if (inv) return `^${show(inv)}`;
  }
  return show(path);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length < 2 || args.some(a => a === '-h' || a === '--help')) {
    process.stderr.write('usage: node shacl_check.mjs SHAPES DATA...\n');
    process.exit(2);
  }
  const [shapesFile, ...dataFiles] = args;
  const shapes = factory.dataset(await parse(shapesFile, 'text/turtle'));
  if (shapes.size === 0) fail(`${shapesFile}: no triples`);
  const data = factory.dataset();
  for (const file of dataFiles) {
    for (const q of await parse(file)) data.add(factory.quad(q.subject, q.predicate, q.object));
  }
  let report;
  try {
    const validator = new SHACLValidator(shapes, { factory });
    report = await validator.validate(data);
  } catch (e) {
    fail(`validation failed: ${e.message}`);
  }
  // The engine gives no message for some components (sh:class): say what the shape asked.
  const fallback = r => {
    const comp = r.sourceConstraintComponent ? r.sourceConstraintComponent.value : '';
    const shape = r.sourceShape;
    if (comp === SH + 'ClassConstraintComponent' && shape) {
      const classes = [...shapes.match(shape, factory.namedNode(SH + 'class'))].map(q => show(q.object));
      return `Value is not an instance of ${classes.join(', ')}`;
    }
    return `Value does not conform to ${show(r.sourceConstraintComponent)} of shape ${show(shape)}`;
  };
  const lines = report.results.map(r => {
    const msg = r.message.map(m => m.value).join('; ') || fallback(r);
    const value = r.value ? ` [value ${show(r.value)}]` : '';
    return `focus ${show(r.focusNode)} path ${showPath(r)} constraint ${show(r.sourceConstraintComponent)} : ${msg}${value}`;
  });
  lines.sort();
  for (const l of lines) console.log(l);
  if (report.conforms) {
    console.log('conforms');
    process.exit(0);
  }
  console.log(`${lines.length} violations`);
  process.exit(1);
}

main().catch(e => fail(e.stack || String(e)));
