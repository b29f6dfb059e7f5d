#!/bin/sh
# ildkg serve, checked from outside as its clients see it: the SPARQL 1.1 Protocol cases
# (modelled on the W3C protocol tests: bindings, dataset, status codes, content types,
# service description, CORS), every shipped topic through every binding byte for byte as
# `ildkg query` answers it, the same through two independent clients (SPARQLWrapper and
# rdflib's SPARQLStore), a bounded load test of concurrent clients, the time and row
# limits, and a clean stop on SIGTERM and SIGINT. Each server listens on a free loopback
# port (--port 0) and is awaited by the URL it prints; it is always stopped, also when a
# check fails.
. "$srcdir/tests/cli/lib.sh"


if ! "$PYTHON3" -c 'import rdflib, pyld, SPARQLWrapper' 2>/dev/null; then
  echo "1..0 # SKIP python3-rdflib, python3-pyld or python3-sparqlwrapper not installed"
  exit 0
fi

trap 'stop_servers; rm -rf "$scratch"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if ! start_server main --threads 4; then
  done_testing
  exit 1
fi
root=$url
ok "ildkg serve listens at $root"

printf 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n' >"$scratch/count.rq"
"$ILDKG" query -f csv "$scratch/count.rq" >"$scratch/count.csv"
triples=$(tail -1 "$scratch/count.csv" | tr -d '\r')

# The protocol cases: one TAP line each.
pcheck suite "$root" "$triples" "$srcdir/ontology/queries" >"$scratch/suite.txt" 2>&1
while IFS= read -r line; do
  case "$line" in
  "ok "*) ok "protocol: ${line#ok }" ;;
  "not ok "*) not_ok "protocol: ${line#not ok }" ;;
  *) not_ok "protocol suite output: $line" ;;
  esac
done <"$scratch/suite.txt"

# Every shipped topic, and a few more queries, through every binding and two clients.
cat >"$scratch/extra1.rq" <<'Q'
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(?s) AS ?members) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class
Q
cat >"$scratch/extra2.rq" <<'Q'
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER(LANG(?label) = "en") } ORDER BY ?s ?label
Q
pairs=
for q in "$srcdir"/ontology/queries/*.rq "$scratch"/extra1.rq "$scratch"/extra2.rq; do
  name=$(basename "$q" .rq)
  if ! "$ILDKG" query -f csv "$q" >"$scratch/$name.csv" 2>"$scratch/err"; then
    not_ok "$name: ildkg query runs it" "$(cat "$scratch/err")"
    continue
  fi
  pairs="$pairs $q=$scratch/$name.csv"
  check "$name: GET, POST form and POST direct answer what ildkg query does, byte for byte" \
    pcheck bindings "$root" "$q" "$scratch/$name.csv"
  check "$name: SPARQLWrapper and rdflib's SPARQLStore get ildkg query's rows" \
    pcheck clients "$root" "$q" "$scratch/$name.csv"
done

# Many clients at once: every answer still the right one.

if pcheck load "$root" 2000 16 $pairs >"$scratch/load.txt" 2>&1; then
  ok "2000 concurrent requests from 16 clients, all answered right: $(head -1 "$scratch/load.txt")"
else
  not_ok "2000 concurrent requests from 16 clients, all answered right" "$(cat "$scratch/load.txt")"
fi

# SIGTERM: exit 0, the port closed.
kill -TERM "$main_pid"
wait "$main_pid"
status=$?
server_pids=
if [ "$status" = 0 ] && grep -q 'SIGTERM, stopping' "$scratch/main.err" &&
  ! pcheck wait "$scratch/main.out" "$main_pid" 0 >/dev/null 2>&1 &&
  ! "$PYTHON3" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$root" 2>/dev/null; then
  ok "SIGTERM stops it with exit 0 and the port closed"
else
  not_ok "SIGTERM stops it with exit 0 and the port closed" "exit $status" "$(tail -3 "$scratch/main.err")"
fi

# The limits, on a server of its own: 503 with the reason, and it goes on answering.
if start_server limited --timeout 0.5 --max-rows 5; then
  check "the time and row limits answer 503 with the reason" pcheck limits "$url"
  kill -INT "$limited_pid"
  wait "$limited_pid"
  status=$?
  server_pids=
  [ "$status" = 0 ] && grep -q 'SIGINT, stopping' "$scratch/limited.err" &&
    ok "SIGINT stops it with exit 0" || not_ok "SIGINT stops it with exit 0" "exit $status"
fi

# --data: the endpoint serves an export; its dataset has no name to give as default-graph-uri.
if start_server data --data "$srcdir/exports/cop-ctd-ild.ttl"; then
  check "--data: the Turtle export served gives the facts' count" \
    pcheck bindings "$url" "$scratch/count.rq" "$scratch/count.csv"
  "$PYTHON3" - "$url" >"$scratch/dg.txt" 2>&1 <<'PY'
import os, sys, urllib.parse, urllib.request, urllib.error
q = urllib.parse.urlencode({"query": "ASK {}", "default-graph-uri": os.environ["ILDKG_RELEASE_IRI"]})
try:
    urllib.request.urlopen(sys.argv[1] + "sparql?" + q, timeout=30)
    print("answered")
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
PY
  grep -q '^400 not supported: default-graph-uri' "$scratch/dg.txt" &&
    ok "--data: default-graph-uri is refused (400), the data has no graph name" ||
    not_ok "--data: default-graph-uri is refused (400)" "$(cat "$scratch/dg.txt")"
  stop_servers
fi

# A taken port: exit 73 with a message naming it.
if start_server holder; then
  port=${url##*:}
  port=${port%/}
  expect_status "a taken port: exit 73" 73 "$ILDKG" serve --port "$port"
  grep -q "cannot listen on 127.0.0.1 port $port" "$scratch/err" &&
    ok "a taken port: the message names it" || not_ok "a taken port: the message names it" "$(cat "$scratch/err")"
  stop_servers
fi
expect_status "--bind of a host name, not an address: exit 64" 64 "$ILDKG" serve --bind localhost --port 0
expect_status "--port 70000: exit 64" 64 "$ILDKG" serve --port 70000
expect_status "--threads 0: exit 64" 64 "$ILDKG" serve --threads 0

done_testing
