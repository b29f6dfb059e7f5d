// Writes the qualifier property shapes of shapes.ttl from the ontology, so that the two
// cannot drift apart unnoticed.
//
//   node gen_qualifier_shapes.mjs ONTOLOGY            print the generated block
//   node gen_qualifier_shapes.mjs --check ONTOLOGY SHAPES
//        exit 0 when SHAPES holds exactly that block between its BEGIN/END markers,
//        1 (with a diff-like hint) when not, 2 on a usage or parse error.
//   node gen_qualifier_shapes.mjs --write ONTOLOGY SHAPES
//        replace that block of SHAPES in place with the one ONTOLOGY gives.
//
// Rules (one property shape a qualifier, that is a sub-property of ildkg:objectQualifier
// or ildkg:dataQualifier):
//   owl:FunctionalProperty                -> sh:maxCount 1
//   data qualifier, rdfs:range xsd:T      -> sh:datatype xsd:T
//   object qualifier                      -> sh:nodeKind sh:IRI, and
//     range a class of controlled terms   -> sh:in (the terms the ontology lists for it)
//     any other range (entity, statement) -> sh:class of the range
import { readFileSync, writeFileSync } from 'node:fs';
import { Parser } from 'n3';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const IL = 'https://w3id.org/ildkg/ontology#';
const BEGIN = '# ---- BEGIN generated qualifier shapes (gen_qualifier_shapes.mjs; do not edit by hand) ----';
const END = '# ---- END generated qualifier shapes ----';

function usage(msg) {
  process.stderr.write(`gen_qualifier_shapes: ${msg}\n` +
    'usage: node gen_qualifier_shapes.mjs ONTOLOGY\n' +
    '       node gen_qualifier_shapes.mjs --check|--write ONTOLOGY SHAPES\n');
  process.exit(2);
}

function load(file) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch (e) { usage(`${file}: ${e.message}`); }
  try { return new Parser({ baseIRI: 'file://' + file }).parse(text); } catch (e) { usage(`${file}: ${e.message}`); }
}

function curie(iri) {
  for (const [p, ns] of [['ildkg', IL], ['xsd', XSD], ['rdf', RDF]]) {
    if (iri.startsWith(ns) && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(iri.slice(ns.length))) return `${p}:${iri.slice(ns.length)}`;
  }
  return `<${iri}>`;
}

function generate(quads) {
  const objs = (s, p) => quads.filter(q => q.subject.value === s && q.predicate.value === p).map(q => q.object.value);
  const subs = (p, o) => quads.filter(q => q.predicate.value === p && q.object.value === o).map(q => q.subject.value);
  const has = (s, p, o) => quads.some(q => q.subject.value === s && q.predicate.value === p && q.object.value === o);
  // superclasses (transitive) of a class
  const supers = (c, seen = new Set()) => {
    for (const s of objs(c, RDFS + 'subClassOf')) if (!seen.has(s)) { seen.add(s); supers(s, seen); }
    return seen;
  };
  const isTermClass = c => {
    const up = supers(c);
    return !up.has(IL + 'ClinicalEntity') && c !== IL + 'ClinicalEntity' && c !== IL + 'Statement' &&
      !up.has(IL + 'Statement') && subs(RDF + 'type', c).length > 0;
  };
  const qualifiers = [];
  for (const kind of ['objectQualifier', 'dataQualifier']) {
    for (const q of subs(RDFS + 'subPropertyOf', IL + kind)) qualifiers.push({ q, kind });
  }
  qualifiers.sort((a, b) => (a.q < b.q ? -1 : a.q > b.q ? 1 : 0));
  const out = [BEGIN];
  for (const { q, kind } of qualifiers) {
    const local = q.slice(IL.length);
    const name = `ildkgsh:qualifier-${local}`;
    const lines = [`${name} a sh:PropertyShape ;`, `    sh:path ${curie(q)} ;`];
    if (has(q, RDF + 'type', OWL + 'FunctionalProperty')) lines.push('    sh:maxCount 1 ;');
    const ranges = objs(q, RDFS + 'range');
    if (ranges.length !== 1) usage(`${curie(q)}: ${ranges.length} rdfs:range, expected 1`);
    const range = ranges[0];
    if (kind === 'dataQualifier') {
      if (!range.startsWith(XSD)) usage(`${curie(q)}: data qualifier with range ${range}`);
      lines.push(`    sh:datatype ${curie(range)} ;`);
    } else {
      lines.push('    sh:nodeKind sh:IRI ;');
      if (isTermClass(range)) {
        const terms = subs(RDF + 'type', range).sort().map(curie);
        lines.push(`    # the terms of ${curie(range)}`);
        lines.push(`    sh:in ( ${terms.join(' ')} ) ;`);
      } else {
        lines.push(`    sh:class ${curie(range)} ;`);
      }
    }
    lines[lines.length - 1] = lines[lines.length - 1].replace(/ ;$/, ' .');
    out.push(`ildkgsh:StatementShape sh:property ${name} .`, ...lines, '');
  }
  out.push(END);
  return out.join('\n') + '\n';
}

const args = process.argv.slice(2);
if (args[0] === '--write') {
  if (args.length !== 3) usage('--write takes ONTOLOGY SHAPES');
  const want = generate(load(args[1]));
  let shapes;
  try { shapes = readFileSync(args[2], 'utf8'); } catch (e) { usage(`${args[2]}: ${e.message}`); }
  const a = shapes.indexOf(BEGIN), b = shapes.indexOf(END);
  if (a < 0 || b < a) usage(`${args[2]}: no generated block to replace`);
  let rest = shapes.slice(b + END.length);
  if (rest.startsWith('\n')) rest = rest.slice(1);
  writeFileSync(args[2], shapes.slice(0, a) + want + rest);
  console.log(`${args[2]}: qualifier shapes written from ${args[1]}`);
} else if (args[0] === '--check') {
  if (args.length !== 3) usage('--check takes ONTOLOGY SHAPES');
  const want = generate(load(args[1]));
  let shapes;
  try { shapes = readFileSync(args[2], 'utf8'); } catch (e) { usage(`${args[2]}: ${e.message}`); }
  const a = shapes.indexOf(BEGIN), b = shapes.indexOf(END);
  if (a < 0 || b < a) { process.stderr.write(`${args[2]}: no generated block\n`); process.exit(1); }
  const got = shapes.slice(a, b + END.length) + '\n';
  if (got === want) { console.log(`${args[2]}: qualifier shapes match ${args[1]}`); process.exit(0); }
  const gl = got.split('\n'), wl = want.split('\n');
  for (let i = 0; i < Math.max(gl.length, wl.length); i++) {
    if (gl[i] !== wl[i]) {
      process.stderr.write(`${args[2]}: generated block differs from ${args[1]} at its line ${i + 1}:\n- ${gl[i] ?? ''}\n+ ${wl[i] ?? ''}\n` +
        `update it: node gen_qualifier_shapes.mjs --write ${args[1]} ${args[2]}\n`);
      break;
    }
  }
  process.exit(1);
} else {
  if (args.length !== 1) usage('one ONTOLOGY expected');
  process.stdout.write(generate(load(args[0])));
}
