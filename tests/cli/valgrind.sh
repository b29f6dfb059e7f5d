#!/bin/sh
# valgrind memcheck on build, validate, query, compare, serve and load, with bad inputs and
# good: each
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
expect_status "validate: 0, memcheck clean" 0 vg "$ILDKG" validate
nt="$srcdir/exports/cop-ctd-ild.nt"
expect_status "query that does not parse: 65, memcheck clean" 65 vg "$ILDKG" query --data "$nt" -e 'SELECT ?x WHERE { ?x'
expect_status "query refused: 69, memcheck clean" 69 vg "$ILDKG" query --data "$nt" -e 'SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }'
expect_status "an update as a query: refused 69 before rasqal parses it (rasqal leaks it), memcheck clean" 69 \
  vg "$ILDKG" query --data "$nt" -e 'PREFIX a: <http://a/> WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }'
expect_status "query over the limit: 75, memcheck clean" 75 vg "$ILDKG" query --data "$nt" --max-rows 3 -e 'SELECT ?s WHERE { ?s ?p ?o }'
expect_status "query: 0, memcheck clean" 0 vg "$ILDKG" query -f json --data "$nt" -e \
  'SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 5'
printf '<a> <b> "unclosed .\n' >"$scratch/bad.nt"
expect_status "query with N-Triples that do not parse: 65, memcheck clean" 65 vg "$ILDKG" query --data "$scratch/bad.nt" -e 'ASK {}'
expect_status "compare with an unknown topic: 64, memcheck clean" 64 vg "$ILDKG" compare nosuchtopic
expect_status "compare: 0, memcheck clean" 0 vg "$ILDKG" compare
# the topics whose joins read the triples source's kept lookups (a subject's objects, a
# whole triple's presence), shared between matches and replaced as they collide
expect_status "compare --data: the only-* topics, references, shared: 0, memcheck clean" 0 \
  vg "$ILDKG" compare --data "$nt" -f csv only-cop only-ctd-ild references shared

# serve under memcheck: requests of each kind, then SIGTERM; exit 0 means no error, no leak.
# (valgrind itself in the background, not a shell running it, so that SIGTERM reaches it)
valgrind -q --suppressions="$srcdir/tests/cli/valgrind.supp" --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
  "$ILDKG" serve --port 0 --threads 2 >"$scratch/serve.out" 2>"$scratch/serve.err" &
vg_pid=$!
trap 'kill -TERM "$vg_pid" 2>/dev/null; rm -rf "$scratch"' EXIT
if url=$(pcheck wait "$scratch/serve.out" "$vg_pid" 300 2>"$scratch/wait.err"); then
  "$PYTHON3" - "$url" >"$scratch/requests.txt" 2>&1 <<'PY'
import sys, urllib.parse
import os; sys.path.insert(0, os.environ["srcdir"] + "/tests/cli")
from protocol_check import request, form, FORM_TYPE, QUERY_TYPE
u = sys.argv[1]
q = "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 5"
for name, got in [
    ("select json", request(u, params={"query": q})),
    ("select xml", request(u, "POST", body=form({"query": q}), headers={**FORM_TYPE, "Accept": "application/sparql-results+xml"})),
    ("construct jsonld", request(u, "POST", body=b"CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3", headers={**QUERY_TYPE, "Accept": "application/ld+json"})),
    ("syntax error", request(u, params={"query": "SELECT ?x WHERE { ?x"})),
    ("refused", request(u, params={"query": "SELECT * WHERE { ?s ?p ?o MINUS { ?s a ?c } }"})),
    ("update", request(u, "POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})),
    ("description", request(u, headers={"Accept": "application/ld+json"})),
    ("topics", request(u, path="topics")),
    ("406", request(u, params={"query": q}, headers={"Accept": "image/png"}))]:
    print(name, got[0])
PY
  tr '\n' ' ' <"$scratch/requests.txt" | grep -q '^select json 200 select xml 200 construct jsonld 200 syntax error 400 refused 400 update 405 description 200 topics 200 406 406 $' &&
    ok "serve under memcheck answers each kind of request" ||
    not_ok "serve under memcheck answers each kind of request" "$(cat "$scratch/requests.txt")"
  expect_status "load into ildkg serve (read-only: 405): 76, memcheck clean" 76 vg "$ILDKG" load --endpoint "${url}sparql" --timeout 120
  kill -TERM "$vg_pid"
  wait "$vg_pid"
  status=$?
  [ "$status" = 0 ] && ok "serve: SIGTERM, exit 0, memcheck clean" ||
    not_ok "serve: SIGTERM, exit 0, memcheck clean" "exit $status" "$(tail -30 "$scratch/serve.err")"
else
  not_ok "serve under memcheck listens" "$(cat "$scratch/wait.err")" "$(tail -20 "$scratch/serve.err")"
fi
done_testing
