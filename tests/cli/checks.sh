#!/bin/sh
# The graph rules of ontology/checks: they hold on the shipped graph in ildkg (rasqal)
# and in rdflib alike, and ildkg reports each kind of violation with the same rows rdflib finds.
. "$srcdir/tests/cli/lib.sh"

checks=$(ls "$srcdir"/ontology/checks/*.rq)
[ -n "$checks" ] && ok "there are graph checks" || not_ok "there are graph checks"

expect_status "validate runs the checks on the shipped facts" 0 "$ILDKG" validate
n=$(ls "$srcdir"/ontology/checks/*.rq | wc -l)
grep -q "; $n graph checks hold$" "$scratch/out" && ok "all $n checks hold" ||
  not_ok "all $n checks hold" "$(cat "$scratch/out")"
expect_status "build for rdflib" 0 "$ILDKG" build --out "$scratch/x" --format turtle
# shellcheck disable=SC2086
"$PYTHON3" "$srcdir/tests/cli/rdf_check.py" checks "$scratch/x/cop-ctd-ild.ttl" $checks >"$scratch/rdflib" 2>&1
[ $? = 0 ] && [ ! -s "$scratch/rdflib" ] && ok "rdflib finds no violation either" ||
  not_ok "rdflib finds no violation either" "$(cat "$scratch/rdflib")"

# Break the graph through the ontology (its triples are part of the graph) and compare
# what ildkg reports with what rdflib finds on the same graph.
dir="$scratch/broken"
copy_inputs "$dir"
kg=https://w3id.org/ildkg/cop-ctd-ild/
cat >>"$dir/ontology/ildkg.ttl" <<TTL
<${kg}stmt-orphan> a ildkg:Statement ;
    ildkg:subject <${kg}Nobody> ;
    ildkg:object ildkg:Undescribed .
<${kg}Both> a ildkg:Reference, ildkg:ReviewPart .
<${kg}feature-hasSymptom-Cough> ildkg:claimedFor <${kg}ACA> .
TTL
(cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >/dev/null 2>"$scratch/err"
status=$?
[ "$status" = 65 ] && ok "violations make validate exit 65" || not_ok "violations make validate exit 65" "exit $status"
grep '^ontology/checks/' "$scratch/err" | sed 's|^ontology/checks/||' | sort >"$scratch/ildkg.txt"
# The graph as ildkg built it, without the checks in the way, for rdflib.
mkdir "$dir/nochecks" && cp "$dir/ontology/ildkg.ttl" "$dir/nochecks/" && mkdir "$dir/nochecks/checks"
"$ILDKG" build --facts "$dir/facts" --ontology "$dir/nochecks" --out "$dir/out" --format turtle >/dev/null
# shellcheck disable=SC2086
(cd "$dir/ontology/checks" && "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" checks "$dir/out/cop-ctd-ild.ttl" *.rq) |
  sort >"$scratch/rdflib.txt"
check "ildkg and rdflib report the same violations" cmp "$scratch/ildkg.txt" "$scratch/rdflib.txt"
for want in \
  "statement-provenance.rq: violation: ?statement=<${kg}stmt-orphan> ?missing=\"prov:wasDerivedFrom\"" \
  "statement-provenance.rq: violation: ?statement=<${kg}stmt-orphan> ?missing=\"cito:citesAsEvidence or ildkg:isReviewOwnClaim\"" \
  "entity-type-label.rq: violation: ?entity=<${kg}Nobody> ?missing=\"rdfs:label in English\"" \
  "described-iris.rq: violation: ?iri=<${kg}Nobody>" \
  "described-iris.rq: violation: ?iri=<https://w3id.org/ildkg/ontology#Undescribed>" \
  "disjoint-classes.rq: violation: ?node=<${kg}Both> ?class=<https://w3id.org/ildkg/ontology#Reference> ?disjointClass=<https://w3id.org/ildkg/ontology#ReviewPart>" \
  "claimed-features.rq: violation: ?node=<${kg}stmt-orphan> ?problem=\"a statement without ildkg:aboutFeature\"" \
  "claimed-features.rq: violation: ?node=<${kg}feature-hasSymptom-Cough> ?problem=\"names a subject no statement about it has\""; do
  grep -qxF "$want" "$scratch/ildkg.txt" && ok "reported: $want" || not_ok "reported: $want" "$(cat "$scratch/ildkg.txt")"
done
done_testing
