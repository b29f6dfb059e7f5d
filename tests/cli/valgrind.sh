#!/bin/sh
# valgrind memcheck on build, validate, query and compare, with bad inputs and good: each
# exits with its own status (not valgrind's 9), with no memory error and nothing definitely
# or indirectly lost. Skipped under ASan (they cannot share a process) or without valgrind.
. "${srcdir:?}/tests/cli/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
  ok "valgrind # SKIP valgrind is not installed"; done_testing; exit 0
fi
if ldd "$ILDKG" 2>/dev/null | grep -q 'libasan'; then
  ok "valgrind # SKIP the binary is built with AddressSanitizer"; done_testing; exit 0
fi
vg() { valgrind -q --suppressions="$srcdir/tests/cli/valgrind.supp" --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 "$@"; }

dir="$scratch/bad"
copy_inputs "$dir"
printf 'broken\tCOP\thasSymptom\tCough\t\t50\tclinical-features\tcough\n' >>"$dir/facts/statements/03-clinical-features.tsv"
printf 'X\tDisease\tx\xff\n' >>"$dir/facts/entities.tsv"
expect_status "validate with bad facts: 65, memcheck clean" 65 vg "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
expect_status "build with bad facts: 65, memcheck clean" 65 vg "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" --out "$scratch/o1"
mkdir "$scratch/o2" && : >"$scratch/o2/README"
expect_status "build into a directory holding other files: 73, memcheck clean" 73 vg "$ILDKG" build --out "$scratch/o2"
expect_status "build: 0, memcheck clean" 0 vg "$ILDKG" build --out "$scratch/o3"
nt="$srcdir/exports/cop-ctd-ild.nt"
expect_status "query that does not parse: 65, memcheck clean" 65 vg "$ILDKG" query --data "$nt" -e 'SELECT ?x WHERE { ?x'
expect_status "query refused: 69, memcheck clean" 69 vg "$ILDKG" query --data "$nt" -e 'SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }'
expect_status "query over the limit: 75, memcheck clean" 75 vg "$ILDKG" query --data "$nt" --max-rows 3 -e 'SELECT ?s WHERE { ?s ?p ?o }'
expect_status "query: 0, memcheck clean" 0 vg "$ILDKG" query -f json --data "$nt" -e \
  'SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 5'
printf '<a> <b> "unclosed .\n' >"$scratch/bad.nt"
expect_status "query with N-Triples that do not parse: 65, memcheck clean" 65 vg "$ILDKG" query --data "$scratch/bad.nt" -e 'ASK {}'
expect_status "compare with an unknown topic: 64, memcheck clean" 64 vg "$ILDKG" compare nosuchtopic
expect_status "compare: 0, memcheck clean" 0 vg "$ILDKG" compare
done_testing
