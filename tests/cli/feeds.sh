#!/bin/sh
# The feeds for ontology-based tools, read by readers written from their formats' own
# descriptions. SSSOM: the header is YAML with every prefix declared, each row a checked
# mapping of facts/mappings.tsv with where it was checked, and the graph carries the same.
. "$srcdir/tests/cli/lib.sh"

set_dir="$scratch/set"
expect_status "build with --format sssom exits 0" 0 "$ILDKG" build --out "$set_dir" --format sssom,turtle
sssom="$set_dir/cop-ctd-ild.sssom.tsv"
shared=${ILDKG_SHARED_DIR:-$srcdir/../shared}
if [ -f "$shared/mappings/ontology-ids.tsv" ]; then
  check "the SSSOM set: YAML header, every prefix declared, each row a checked mapping of the facts" \
    "$PYTHON3" "$srcdir/tests/cli/sssom_check.py" "$sssom" "$shared/mappings/ontology-ids.tsv" "$srcdir/facts"
else
  ok "the SSSOM set against the checked table # SKIP no $shared/mappings (set ILDKG_SHARED_DIR)"
fi
check "the Turtle export holds one ildkg:Mapping a row of the SSSOM set, with the same values" "$PYTHON3" -c '
import csv, sys, rdflib
I = rdflib.Namespace("https://w3id.org/ildkg/ontology#")
g = rdflib.Graph().parse(sys.argv[1], format="turtle")
lines = [l for l in open(sys.argv[2], encoding="utf-8") if not l.startswith("#")]
rows = {(r["subject_id"].split(":", 1)[1], r["object_id"], r["object_label"], r["comment"])
        for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}
nodes = set()
for m in g.subjects(rdflib.RDF.type, I.Mapping):
    entity = str(g.value(m, I.mappedEntity)).rsplit("/", 1)[1]
    nodes.add((entity, str(g.value(m, I.externalId)), str(g.value(m, I.externalLabel)),
               "checked in " + str(g.value(m, I.checkedIn))))
    match = g.value(m, I.matchPredicate)
    assert (g.value(m, I.mappedEntity), match, g.value(m, I.mappedTo)) in g, m
sys.exit(0 if nodes == rows and len(rows) > 100 else f"{len(nodes)} nodes, {len(rows)} rows, differ: {sorted(nodes ^ rows)[:3]}")
' "$set_dir/cop-ctd-ild.ttl" "$sssom"
expect_status "build --base https://example.org/kg# --format sssom exits 0" 0 \
  "$ILDKG" build --out "$scratch/other" --format sssom --base 'https://example.org/kg#'
grep -q '^#   kg: "https://example.org/kg#"$' "$scratch/other/cop-ctd-ild.sssom.tsv" &&
  grep -q '^kg:COP	' "$scratch/other/cop-ctd-ild.sssom.tsv" &&
  ok "... and its curie_map declares kg: as that base" || not_ok "... and its curie_map declares kg: as that base"
version=$("$ILDKG" --version | sed 's/^ildkg //')
for f in "$sssom" "$scratch/other/cop-ctd-ild.sssom.tsv"; do
  grep -q "^# mapping_set_version: \"$version\"\$" "$f" &&
    ok "$(basename "$(dirname "$f")"): mapping_set_version is ildkg's version ($version)" ||
    not_ok "mapping_set_version is ildkg's version ($version)" "$(grep mapping_set_version "$f")"
done

# HPO annotations, read as phenol reads them and traced to the Turtle export.
expect_status "build --format hpoa exits 0" 0 "$ILDKG" build --out "$scratch/hpoa" --format hpoa,turtle
hpoa="$scratch/hpoa/cop-ctd-ild.hpoa"
check "the HPO annotation file: format, ids, patterns, each row traced, each claim in or left out" \
  "$PYTHON3" "$srcdir/tests/cli/hpoa_check.py" "$hpoa" "$scratch/hpoa/cop-ctd-ild.ttl"
grep -q "^ORPHA:1302	Cryptogenic organizing pneumonia		HP:0032177	[^	]*	TAS		90%	" "$hpoa" &&
  ok "COP (ORPHA:1302) has consolidation on HRCT in 90%" || not_ok "COP (ORPHA:1302) has consolidation in 90%"
grep -q "^ORPHA:1302	[^	]*		HP:0032983	[^	]*reference-34	TAS		20%	" "$hpoa" &&
  ok "... and the reversed halo sign in about 20%, citing reference 34" || not_ok "... and the reversed halo sign in 20%"
grep -q "^#left-out: .*stmt-cop-obstructive-pattern-in-smokers restricted by ildkg:certainty, ildkg:condition$" "$hpoa" &&
  ! grep -q "HP:0006536" "$hpoa" &&
  ok "the obstructive pattern that may be seen in smokers is left out, saying why" ||
  not_ok "the obstructive pattern that may be seen in smokers is left out, saying why"

# KGX: checked against the Biolink Model's own schema (../shared/reference) and the Turtle export.
expect_status "build --format kgx writes the five KGX files" 0 "$ILDKG" build --out "$scratch/kgx" --format kgx,turtle
[ "$(ls "$scratch/kgx" | grep -c '^cop-ctd-ild\.kgx_')" = 5 ] && ok "... all five" || not_ok "... all five" "$(ls "$scratch/kgx")"
biolink="$shared/reference/biolink-model-4.4.4.yaml"
if [ -f "$biolink" ]; then
  check "KGX: every category, predicate and slot in Biolink 4.4.4, every edge end a node, TSV = JSON Lines, no restricted claim" \
    "$PYTHON3" "$srcdir/tests/cli/kgx_check.py" "$scratch/kgx" cop-ctd-ild "$biolink" "$scratch/kgx/cop-ctd-ild.ttl"
else
  ok "KGX against the Biolink schema # SKIP no $biolink (set ILDKG_SHARED_DIR)"
fi
grep -q "^MONDO:0015264	biolink:Disease	cryptogenic organizing pneumonia	COP	ORPHA:1302	" "$scratch/kgx/cop-ctd-ild.kgx_nodes.tsv" &&
  ok "COP is the node MONDO:0015264, a biolink:Disease, with ORPHA:1302 as xref" || not_ok "COP's node"
grep -q "	MONDO:0015264	biolink:has_phenotype	HP:0032983	.*	20	" "$scratch/kgx/cop-ctd-ild.kgx_edges.tsv" &&
  ok "COP has_phenotype reversed halo sign (HP:0032983), has_percentage 20" || not_ok "COP has_phenotype reversed halo sign"
# README lists the entities without an external id, as the facts give them (and says so when not).
check "README lists the entities without an external id as the facts give them" \
  "$PYTHON3" "$srcdir/tests/cli/unmapped_check.py" "$srcdir/README.md" "$srcdir/facts"
grep -v '^- \*\*Treatment\*\* ' "$srcdir/README.md" >"$scratch/README.md"
expect_status "... and a list missing a class is caught" 1 \
  "$PYTHON3" "$srcdir/tests/cli/unmapped_check.py" "$scratch/README.md" "$srcdir/facts"
done_testing
