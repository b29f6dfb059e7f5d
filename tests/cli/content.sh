#!/bin/sh
# The content of the shipped graph: every part of the review has statements, all 49
# references are cited, and the review's figures are typed numbers (checked with rdflib).
. "$srcdir/tests/cli/lib.sh"

expect_status "stats exits 0" 0 "$ILDKG" stats --facts "$srcdir/facts" --ontology "$srcdir/ontology"
cp "$scratch/out" "$scratch/stats"
grep -q '^references: 49 in the review, 49 cited as evidence$' "$scratch/stats" &&
  ok "stats: all 49 references cited as evidence" ||
  not_ok "stats: all 49 references cited as evidence" "$(head -1 "$scratch/stats")"

# Every place of sections.tsv (sections, Table 1, the figures) holds at least one statement.
for section in $(grep -v '^#' "$srcdir/facts/sections.tsv" | tail -n +2 | cut -f1); do
  n=$(awk -v s="$section" '$1 == s && NF == 2 {print $2}' "$scratch/stats")
  if [ -n "$n" ] && [ "$n" -gt 0 ]; then
    ok "section $section has statements ($n)"
  else
    not_ok "section $section has statements" "stats says: '${n:-nothing}'"
  fi
done

check "rdflib: 49 references cited by the review and as evidence; figures as typed numbers" \
  "$PYTHON3" - "$srcdir/exports/cop-ctd-ild.ttl" <<'PY'
import sys
import rdflib
from rdflib.namespace import XSD

g = rdflib.Graph().parse(sys.argv[1], format="turtle")
CITO = rdflib.Namespace("http://purl.org/spar/cito/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ILDKG = rdflib.Namespace("https://w3id.org/ildkg/ontology#")
KG = rdflib.Namespace("https://w3id.org/ildkg/cop-ctd-ild/")
problems = []
cited = set(g.objects(KG.review, CITO.cites))
evidence = set(g.objects(None, CITO.citesAsEvidence))
numbers = {int(n) for r in evidence for n in g.objects(r, ILDKG.referenceNumber)}
if len(cited) != 49:
    problems.append(f"the review cites {len(cited)} references, not 49")
if numbers != set(range(1, 50)):
    problems.append(f"references cited as evidence: missing {sorted(set(range(1, 50)) - numbers)}")
for s in g.subjects(CITO.citesAsEvidence, None):
    if (s, PROV.wasDerivedFrom, KG.review) not in g:
        problems.append(f"{s} cites evidence but is not derived from the review")
typed = {(float(o), o.datatype) for o in g.objects() if isinstance(o, rdflib.Literal)
         and o.datatype in (XSD.decimal, XSD.integer)}
for figure in (90, 20, 70, 40, 50, 60):
    if not any(v == figure for v, _ in typed):
        problems.append(f"{figure} is not a typed number in the graph")
rows = set(g.subjects(ILDKG.inSection, KG["section-table-1"]))
if len(rows) != 11:
    problems.append(f"Table 1 has {len(rows)} row statements, not 11")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
done_testing
