#!/bin/sh
# SHACL: the exports conform to the shapes in ontology/shapes.ttl when an engine
# independent of ildkg checks them (rdf-validate-shacl, run by tests/shacl/shacl_check.mjs
# under node), and the shapes catch a broken statement, quote, reference, entity,
# qualifier or dataset description, naming the node and the property at fault.
# Needs node and tests/shacl/node_modules (cd tests/shacl && npm ci); skipped without.
. "$srcdir/tests/cli/lib.sh"

NODE=${NODE:-node}
shacl_dir="$srcdir/tests/shacl"
shapes="$srcdir/ontology/shapes.ttl"
if ! command -v "$NODE" >/dev/null 2>&1; then
  echo "1..0 # SKIP node not found"
  exit 0
fi
if [ ! -d "$shacl_dir/node_modules/rdf-validate-shacl" ] || [ ! -d "$shacl_dir/node_modules/n3" ]; then
  echo "1..0 # SKIP no $shacl_dir/node_modules (run npm ci there)"
  exit 0
fi

kg=https://w3id.org/ildkg/cop-ctd-ild/
il=https://w3id.org/ildkg/ontology#
sh=http://www.w3.org/ns/shacl#
oa=http://www.w3.org/ns/oa#
rdfs=http://www.w3.org/2000/01/rdf-schema#
ttl="$srcdir/exports/cop-ctd-ild.ttl"

shacl() { "$NODE" "$shacl_dir/shacl_check.mjs" "$shapes" "$@"; }
mutate() { "$PYTHON3" "$shacl_dir/ttl_mutate.py" "$@"; }

# conforms DESCRIPTION DATA...: the checker says `conforms` and exits 0.
conforms() {
  desc=$1
  shift
  shacl "$@" >"$scratch/out" 2>"$scratch/err"
  got=$?
  if [ "$got" = 0 ] && [ "$(tail -1 "$scratch/out")" = conforms ]; then
    ok "$desc"
  else
    not_ok "$desc" "exit $got" "$(head -5 "$scratch/out")" "$(head -5 "$scratch/err")"
  fi
}

# violation DESCRIPTION FOCUS PATH CONSTRAINT DATA...: the checker exits 1 and reports
# FOCUS (an IRI), PATH (an IRI, or - for none) and CONSTRAINT (the local name of a SHACL
# constraint component) on one line.
violation() {
  desc=$1 focus=$2 path=$3 comp=$4
  shift 4
  [ "$path" = - ] || path="<$path>"
  want="focus <$focus> path $path constraint <${sh}$comp> : "
  shacl "$@" >"$scratch/out" 2>"$scratch/err"
  got=$?
  if [ "$got" = 1 ] && grep -qF "$want" "$scratch/out"; then
    ok "$desc"
    echo "# $(grep -F "$want" "$scratch/out" | head -1) ($(tail -1 "$scratch/out"))"
  else
    not_ok "$desc" "exit $got, expected 1 and a line: $want" "$(head -5 "$scratch/out")" \
      "$(head -3 "$scratch/err")"
  fi
}

# broken NAME DESCRIPTION PATH CONSTRAINT SELECT OP ARG...: a copy of the Turtle export
# with the block SELECT changed by OP (tests/shacl/ttl_mutate.py) must fail, naming the
# block's subject, PATH and CONSTRAINT.
broken() {
  name=$1 desc=$2 path=$3 comp=$4
  shift 4
  if focus=$(mutate "$ttl" "$scratch/$name.ttl" "$@" 2>"$scratch/err"); then
    violation "$desc" "$focus" "$path" "$comp" "$scratch/$name.ttl"
  else
    not_ok "$desc" "the mutation did not apply: $(cat "$scratch/err")"
  fi
}

# ---- the shapes themselves -----------------------------------------------------------
check "the qualifier shapes are those the ontology gives (gen_qualifier_shapes.mjs)" \
  "$NODE" "$shacl_dir/gen_qualifier_shapes.mjs" --check "$srcdir/ontology/ildkg.ttl" "$shapes"

# ---- the committed exports -----------------------------------------------------------
for ext in ttl nt nq jsonld; do
  conforms "exports/cop-ctd-ild.$ext conforms" "$srcdir/exports/cop-ctd-ild.$ext"
done
conforms "exports/cop-ctd-ild.void.ttl with the Turtle export conforms" \
  "$srcdir/exports/cop-ctd-ild.ttl" "$srcdir/exports/cop-ctd-ild.void.ttl"

# ---- fresh exports -------------------------------------------------------------------
if (cd "$srcdir" && "$ILDKG" build --out "$scratch/x" --format turtle,ntriples,nquads,jsonld,void) \
  >"$scratch/build.out" 2>"$scratch/build.err"; then
  ok "ildkg build --out writes fresh exports"
else
  not_ok "ildkg build --out writes fresh exports" "$(head -5 "$scratch/build.err")"
fi
for ext in ttl nt nq jsonld; do
  conforms "fresh cop-ctd-ild.$ext conforms" "$scratch/x/cop-ctd-ild.$ext"
done
conforms "fresh cop-ctd-ild.void.ttl with the Turtle conforms" \
  "$scratch/x/cop-ctd-ild.ttl" "$scratch/x/cop-ctd-ild.void.ttl"
# ildkg reads every ontology/*.ttl but shapes.ttl as the ontology: the shapes stay out of it.
if grep -q 'http://www.w3.org/ns/shacl#' "$scratch/x/cop-ctd-ild.nt"; then
  not_ok "the shapes stay out of the ontology and the exports"
else
  ok "the shapes stay out of the ontology and the exports"
fi
# The shapes name no data IRI: another base IRI conforms too.
(cd "$srcdir" && "$ILDKG" build --base https://example.org/other-kg/ --format turtle --out "$scratch/y") \
  >/dev/null 2>&1
conforms "an export with another --base conforms" "$scratch/y/cop-ctd-ild.ttl"

# ---- broken copies of the Turtle export ----------------------------------------------
st="subject=kg:stmt-cop-reversed-halo-sign"
broken no-object "a statement without ildkg:object" \
  "${il}object" MinCountConstraintComponent "$st" drop ildkg:object
broken two-subjects "a statement with two ildkg:subject" \
  "${il}subject" MaxCountConstraintComponent "$st" sub 'ildkg:subject kg:COP' 'ildkg:subject kg:COP, kg:ACA'
broken object-not-entity "a statement whose object is no clinical entity" \
  "${il}object" ClassConstraintComponent "$st" sub 'ildkg:object kg:ReversedHaloSign' 'ildkg:object kg:reference-34'
broken no-section "a statement without ildkg:inSection" \
  "${il}inSection" MinCountConstraintComponent "$st" drop ildkg:inSection
broken no-quote "a statement without a quote (oa:hasSelector)" \
  "${oa}hasSelector" MinCountConstraintComponent "$st" drop oa:hasSelector
broken not-derived "a statement not derived from the review" \
  http://www.w3.org/ns/prov#wasDerivedFrom MinCountConstraintComponent "$st" drop prov:wasDerivedFrom
broken not-a-claim-predicate "a statement whose predicate is no claim predicate" \
  "${il}predicate" NodeConstraintComponent "$st" sub 'ildkg:predicate ildkg:hasRadiologicalFinding' 'ildkg:predicate ildkg:frequency'
broken empty-exact "a quote with an empty oa:exact" \
  "${oa}exact" MinLengthConstraintComponent subject=kg:quote-cop-reversed-halo-sign sub 'oa:exact "[^"]*"' 'oa:exact ""'
broken no-exact "a quote without oa:exact" \
  "${oa}exact" MinCountConstraintComponent subject=kg:quote-anti-ccp-predicts-ra drop oa:exact
broken refnum-string "a reference number that is a string" \
  "${il}referenceNumber" DatatypeConstraintComponent subject=kg:reference-34 sub 'ildkg:referenceNumber 34' 'ildkg:referenceNumber "34"'
broken refnum-zero "a reference number 0" \
  "${il}referenceNumber" MinInclusiveConstraintComponent subject=kg:reference-34 sub 'ildkg:referenceNumber 34' 'ildkg:referenceNumber 0'
broken label-not-en "an entity whose only label is not English" \
  "${rdfs}label" LanguageInConstraintComponent subject=kg:ACA sub '"anticentromere antibodies"@en' '"anticentromere antibodies"@de'
broken no-label "an entity without rdfs:label" \
  "${rdfs}label" MinCountConstraintComponent subject=kg:ANA drop rdfs:label
broken no-evidence "a statement with neither references nor ildkg:isReviewOwnClaim" \
  - XoneConstraintComponent "$st" drop cito:citesAsEvidence
broken both-evidence "a statement with references and ildkg:isReviewOwnClaim true" \
  - XoneConstraintComponent "$st" add 'ildkg:isReviewOwnClaim true'
broken share-string "a qualifier with the wrong datatype (ildkg:sharePercent \"20\")" \
  "${il}sharePercent" DatatypeConstraintComponent "$st" sub 'ildkg:sharePercent 20.0' 'ildkg:sharePercent "20"'
broken share-over-100 "ildkg:sharePercent over 100" \
  "${il}sharePercent" MaxInclusiveConstraintComponent "$st" sub 'ildkg:sharePercent 20.0' 'ildkg:sharePercent 120.0'
broken approx-not-boolean "a boolean qualifier that is no boolean" \
  "${il}isApproximate" DatatypeConstraintComponent "$st" sub 'ildkg:isApproximate true' 'ildkg:isApproximate "about"'
broken two-specificities "a functional qualifier given twice" \
  "${il}specificity" MaxCountConstraintComponent "$st" sub 'ildkg:specificity ildkg:HighlySpecific' 'ildkg:specificity ildkg:HighlySpecific, ildkg:Nonspecific'
broken wrong-term "a qualifier with a term of another list (ildkg:specificity ildkg:Common)" \
  "${il}specificity" InConstraintComponent "$st" sub 'ildkg:specificity ildkg:HighlySpecific' 'ildkg:specificity ildkg:Common'
broken no-feature "a statement without ildkg:aboutFeature" \
  "${il}aboutFeature" MinCountConstraintComponent "$st" drop ildkg:aboutFeature
broken feature-no-entity "a claimed feature without ildkg:featureEntity" \
  "${il}featureEntity" MinCountConstraintComponent subject=kg:feature-hasRadiologicalFinding-ReversedHaloSign drop ildkg:featureEntity

# The other formats are read as well: N-Triples without a statement's ildkg:object.
grep -v "^<${kg}stmt-cop-reversed-halo-sign> <${il}object> " "$srcdir/exports/cop-ctd-ild.nt" \
  >"$scratch/no-object.nt"
violation "N-Triples: a statement without ildkg:object" \
  "${kg}stmt-cop-reversed-halo-sign" "${il}object" MinCountConstraintComponent "$scratch/no-object.nt"

# ---- the dataset description ---------------------------------------------------------
# The dataset node every export carries, with the statistics of the VoID file.
dataset="<$ILDKG_RELEASE_IRI>"
ds_main="$ttl"
ds_void="$srcdir/exports/cop-ctd-ild.void.ttl"
conforms "the dataset description conforms" "$ds_main" "$ds_void"

# ds_broken NAME DESCRIPTION PATH CONSTRAINT main|void SELECT OP ARG...: the dataset
# description with one of its two files changed must fail, naming PATH and CONSTRAINT.
ds_broken() {
  name=$1 desc=$2 path=$3 comp=$4 which=$5
  shift 5
  case $which in
    main) src=$ds_main other=$ds_void ;;
    *) src=$ds_void other=$ds_main ;;
  esac
  if focus=$(mutate "$src" "$scratch/$name.ttl" "$@" 2>"$scratch/err"); then
    violation "$desc" "$focus" "$path" "$comp" "$scratch/$name.ttl" "$other"
  else
    not_ok "$desc" "the mutation did not apply: $(cat "$scratch/err")"
  fi
}
ds="subject=$dataset"
dct=http://purl.org/dc/terms/
void=http://rdfs.org/ns/void#
ds_broken ds-no-license "the dataset without a licence" \
  "${dct}license" MinCountConstraintComponent main "$ds" drop dcterms:license
ds_broken ds-two-licenses "the dataset with two licences" \
  "${dct}license" MaxCountConstraintComponent main "$ds" add 'dcterms:license <https://opensource.org/licenses/MIT>'
ds_broken ds-no-source "the dataset without dcterms:source" \
  "${dct}source" MinCountConstraintComponent main "$ds" drop dcterms:source
ds_broken ds-version-integer "the dataset with pav:version an integer" \
  http://purl.org/pav/version DatatypeConstraintComponent main "$ds" sub 'pav:version "0.1.0"' 'pav:version 1'
ds_broken ds-no-vocabulary "the dataset without void:vocabulary" \
  "${void}vocabulary" MinCountConstraintComponent main "$ds" drop void:vocabulary
ds_broken ds-negative-triples "the dataset with void:triples -1" \
  "${void}triples" MinInclusiveConstraintComponent void "$ds" sub 'void:triples [0-9]+' 'void:triples -1'
ds_broken ds-entities-string "the dataset with void:entities a string" \
  "${void}entities" DatatypeConstraintComponent void "$ds" sub 'void:entities ([0-9]+)' 'void:entities "\1"'
ds_broken ds-class-partition-no-entities "a class partition without void:entities" \
  "${void}entities" MinCountConstraintComponent void having=void:class drop void:entities
ds_broken ds-property-partition-two-properties "a property partition with two void:property" \
  "${void}property" MaxCountConstraintComponent void having=void:property add 'void:property <http://www.w3.org/2000/01/rdf-schema#label>'

# ---- the checker's own errors --------------------------------------------------------
expect_status "shacl_check.mjs without data: usage error" 2 shacl
printf '<a> <b> .\n' >"$scratch/bad.ttl"
expect_status "shacl_check.mjs on a Turtle syntax error: exit 2" 2 shacl "$scratch/bad.ttl"
expect_status "shacl_check.mjs on an unknown extension: exit 2" 2 shacl "$srcdir/exports/cop-ctd-ild.rdf"

done_testing
