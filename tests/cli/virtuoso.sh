#!/bin/sh
# Every shipped query (ontology/queries/*.rq and ontology/checks/*.rq) gives the same
# rows in ildkg (rasqal) and in Virtuoso 7.2, a SPARQL engine of its own, over the Turtle
# export: a throwaway virtuoso-t on loopback ports loads exports/cop-ctd-ild.ttl into a
# graph, and tests/cli/virtuoso_check.py compares the two CSV answers as multisets of rows
# (only the documented differences of representation normalised: booleans 1/0, the
# canonical form of numbers). Then ildkg as Virtuoso's client: every compare topic through
# `compare --endpoint` gives the rows it gives locally; ASK, CONSTRUCT and a syntax error
# through `query --endpoint`. Skipped when virtuoso-t is not installed.
. "$srcdir/tests/cli/lib.sh"

if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then
  echo "1..0 # SKIP virtuoso-t not installed"
  exit 0
fi

vcheck() { "$PYTHON3" "$srcdir/tests/cli/virtuoso_check.py" "$@"; }

ttl="$srcdir/exports/cop-ctd-ild.ttl"
graph="urn:ildkg:test:cop-ctd-ild"
vdir="$scratch/virtuoso"
vpid=

# Stop the server by its PID (virtuoso-t itself: it is started with exec) and reap it.
stop_virtuoso() {
  if [ -n "$vpid" ]; then
    vcheck stop "$vpid"
    wait "$vpid" 2>/dev/null
    vpid=
  fi
}
trap 'stop_virtuoso; rm -rf "$scratch"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh database on two random free loopback ports; tried again on other ports if
# virtuoso-t exits at once (a port taken between the check and its start).
up=no
for _ in 1 2 3; do
  ports=$(vcheck ports) || break
  port=${ports% *} http_port=${ports#* }
  endpoint="http://127.0.0.1:$http_port/sparql"
  rm -rf "$vdir"
  mkdir -p "$vdir"
  cat >"$vdir/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $vdir/virtuoso.db
ErrorLogFile = $vdir/virtuoso.log
LockFile = $vdir/virtuoso.lck
TransactionFile = $vdir/virtuoso.trx
xa_persistent_file = $vdir/virtuoso.pxa
[TempDatabase]
DatabaseFile = $vdir/virtuoso-temp.db
TransactionFile = $vdir/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$port
DirsAllowed = $vdir
[HTTPServer]
ServerPort = 127.0.0.1:$http_port
[SPARQL]
ResultSetMaxRows = 1000000
EOF
  (cd "$vdir" && exec virtuoso-t -f -c virtuoso.ini) >"$vdir/stdout" 2>&1 &
  vpid=$!
  vcheck wait "$endpoint" "$vpid" 60 2>"$scratch/wait.err"
  status=$?
  [ "$status" = 0 ] && { up=yes; break; }
  stop_virtuoso
  [ "$status" = 2 ] || break # not an early exit: a timeout, no use trying other ports
done
if [ "$up" = yes ]; then
  ok "virtuoso-t answers SPARQL at $endpoint"
else
  not_ok "virtuoso-t starts and answers SPARQL (waited up to 60 s)" "$(cat "$scratch/wait.err")" \
    "$(tail -5 "$vdir/virtuoso.log" 2>/dev/null)" "$(tail -5 "$vdir/stdout" 2>/dev/null)"
  done_testing
  exit 1
fi

# Load the export with isql-vt, which exits 0 even when the SQL failed: its output tells.
cp "$ttl" "$vdir/data.ttl"
isql-vt "127.0.0.1:$port" dba dba \
  exec="DB.DBA.TTLP_MT(file_to_string_output('$vdir/data.ttl'), '', '$graph');" \
  >"$scratch/isql.out" 2>&1
status=$?
if [ "$status" = 0 ] && ! grep -q '\*\*\* Error' "$scratch/isql.out"; then
  ok "isql-vt loads the Turtle export into <$graph>"
else
  not_ok "isql-vt loads the Turtle export into <$graph>" "exit $status" "$(grep -A3 'Error' "$scratch/isql.out" | head -8)"
fi

# The same triples in both: ildkg's count of its graph is Virtuoso's.
printf 'SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }\n' >"$scratch/count.rq"
"$ILDKG" query --data "$ttl" -f csv "$scratch/count.rq" >"$scratch/count.csv" 2>&1
check "Virtuoso holds the triples ildkg reads ($(tail -1 "$scratch/count.csv" | tr -d '\r'))" \
  vcheck same-rows "$scratch/count.csv" "$endpoint" "$graph" "$scratch/count.rq"

for q in "$srcdir"/ontology/queries/*.rq "$srcdir"/ontology/checks/*.rq; do
  name=$(basename "$q")
  case "$q" in */checks/*) allow_empty=--allow-empty ;; *) allow_empty= ;; esac
  if ! "$ILDKG" query --data "$ttl" -f csv "$q" >"$scratch/ildkg.csv" 2>"$scratch/err"; then
    not_ok "$name: ildkg runs it" "$(cat "$scratch/err")"
    continue
  fi
  check "$name: ildkg and Virtuoso give the same rows" \
    vcheck same-rows "$scratch/ildkg.csv" "$endpoint" "$graph" "$q" $allow_empty
done

# ildkg as a client of the same store. The query goes unchanged, so the endpoint URL
# carries default-graph-uri, as the test's own requests do.
remote="$endpoint?default-graph-uri=$graph"
for q in "$srcdir"/ontology/queries/*.rq; do
  topic=$(basename "$q" .rq)
  if ! "$ILDKG" compare --endpoint "$remote" -f csv "$topic" >"$scratch/remote.csv" 2>"$scratch/err"; then
    not_ok "compare --endpoint $topic runs" "$(cat "$scratch/err")"
    continue
  fi
  if ! "$ILDKG" compare --data "$ttl" -f csv "$topic" >"$scratch/local.csv" 2>"$scratch/err"; then
    not_ok "compare --data $topic runs" "$(cat "$scratch/err")"
    continue
  fi
  check "compare --endpoint $topic: the rows of the local answer" \
    vcheck same-csv "$scratch/local.csv" "$scratch/remote.csv"
done

# A store whose derived features do not say what its claims say (an older export: no
# ildkg:claimedForSubtypeOf): compare checks them there first and refuses the only-* topics.
old_graph="urn:ildkg:test:older"
grep -v 'claimedForSubtypeOf' "$srcdir/exports/cop-ctd-ild.nt" >"$vdir/older.nt"
isql-vt "127.0.0.1:$port" dba dba \
  exec="DB.DBA.TTLP_MT(file_to_string_output('$vdir/older.nt'), '', '$old_graph');" \
  >"$scratch/isql2.out" 2>&1
expect_status "compare --endpoint (features not as the claims say) only-cop exits 69" 69 \
  "$ILDKG" compare --endpoint "$endpoint?default-graph-uri=$old_graph" -f csv only-cop
grep -q "refused: this topic reads the derived features.*violations of checks/claimed-features.rq, the first: ?node=<" "$scratch/err" &&
  ok "... and says why, with a violation the store gave" ||
  not_ok "... and says why, with a violation the store gave" "$(cat "$scratch/err")" "$(grep Error "$scratch/isql2.out")"
expect_status "compare --endpoint (features not as the claims say) summary exits 0" 0 \
  "$ILDKG" compare --endpoint "$endpoint?default-graph-uri=$old_graph" -f csv summary

# ASK: Virtuoso answers a table of __ASK_RETVAL in JSON; ildkg writes the boolean.
for ask in 'ASK { ?s ?p ?o }:true' 'ASK { <urn:ildkg:test:none> ?p ?o }:false'; do
  out=$("$ILDKG" query --endpoint "$remote" -f csv -e "${ask%:*}" 2>&1)
  [ "$out" = "${ask##*:}" ] && ok "query --endpoint: ${ask%:*} is ${ask##*:}" ||
    not_ok "query --endpoint: ${ask%:*} is ${ask##*:}" "$out"
done

# CONSTRUCT: N-Triples, sorted, byte for byte the local answer (no numbers: Virtuoso writes
# 90.0 as 90).
construct='CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }'
"$ILDKG" query --data "$ttl" -e "$construct" >"$scratch/local.nt" 2>&1
if "$ILDKG" query --endpoint "$remote" -e "$construct" >"$scratch/remote.nt" 2>"$scratch/err" &&
  [ -s "$scratch/local.nt" ] && cmp -s "$scratch/local.nt" "$scratch/remote.nt"; then
  ok "query --endpoint: CONSTRUCT gives the local N-Triples ($(wc -l <"$scratch/remote.nt") lines)"
else
  not_ok "query --endpoint: CONSTRUCT gives the local N-Triples" "$(head -3 "$scratch/err")" \
    "$(diff "$scratch/local.nt" "$scratch/remote.nt" | head -4)"
fi

# A syntax error is the store's to report: exit 76 with its HTTP status and message.
expect_status "query --endpoint: a syntax error at the endpoint exits 76" 76 \
  "$ILDKG" query --endpoint "$remote" -e 'SELEC ?x WHERE { ?x ?p ?o }'
grep -q "HTTP status 400: .*syntax error" "$scratch/err" &&
  ok "query --endpoint: the store's message is shown" ||
  not_ok "query --endpoint: the store's message is shown" "$(cat "$scratch/err")"

# ildkg load: the graph built from the facts put into the store with the Graph Store
# Protocol (Virtuoso's, behind digest authentication), then the store holds exactly the
# export's triples in that graph, and compare --endpoint gives the local rows there.
crud="http://127.0.0.1:$http_port/sparql-graph-crud-auth"
loaded="urn:ildkg:test:loaded"
if "$ILDKG" load --endpoint "$crud" --graph "$loaded" --user dba --password dba \
  >"$scratch/load.out" 2>"$scratch/load.err"; then
  ok "load: PUT into <$loaded> ($(cat "$scratch/load.err"))"
else
  not_ok "load: PUT into <$loaded>" "$(cat "$scratch/load.err")"
fi
check "load: Virtuoso's <$loaded> holds the export's triple count" \
  vcheck same-rows "$scratch/count.csv" "$endpoint" "$loaded" "$scratch/count.rq"
printf 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }\n' >"$scratch/all.rq"
"$ILDKG" query --data "$ttl" -f csv "$scratch/all.rq" >"$scratch/all.csv" 2>&1
check "load: Virtuoso's <$loaded> holds exactly the export's triples" \
  vcheck same-rows "$scratch/all.csv" "$endpoint" "$loaded" "$scratch/all.rq"
for q in "$srcdir"/ontology/queries/*.rq; do
  topic=$(basename "$q" .rq)
  if "$ILDKG" compare --endpoint "$endpoint?default-graph-uri=$loaded" -f csv "$topic" \
    >"$scratch/remote.csv" 2>"$scratch/err" &&
    "$ILDKG" compare -f csv "$topic" >"$scratch/local.csv" 2>>"$scratch/err"; then
    check "load, then compare --endpoint $topic: the local rows" \
      vcheck same-csv "$scratch/local.csv" "$scratch/remote.csv"
  else
    not_ok "load, then compare --endpoint $topic runs" "$(cat "$scratch/err")"
  fi
done
# PUT replaces: a second load leaves the same count; --add adds a file's triples.
printf '<urn:ildkg:test:s> <urn:ildkg:test:p> "added" .\n' >"$scratch/one.nt"
"$ILDKG" load --endpoint "$crud" --graph "$loaded" --user dba --password dba 2>"$scratch/err" &&
  "$ILDKG" load --endpoint "$crud" --graph "$loaded" --user dba --password dba --add \
    --file "$scratch/one.nt" 2>>"$scratch/err"
status=$?
expected=$(($(tail -1 "$scratch/count.csv" | tr -d '\r') + 1))
printf 'triples\n%s\n' "$expected" >"$scratch/count-plus.csv"
if [ "$status" = 0 ]; then
  check "load again (PUT replaces), then --add one triple: $expected triples" \
    vcheck same-rows "$scratch/count-plus.csv" "$endpoint" "$loaded" "$scratch/count.rq"
else
  not_ok "load again, then --add one triple" "$(cat "$scratch/err")"
fi
expect_status "load with a wrong password: exit 76" 76 \
  "$ILDKG" load --endpoint "$crud" --graph "$loaded" --user dba --password wrong
grep -q "HTTP status 401" "$scratch/err" && ok "load: the store's 401 is shown" ||
  not_ok "load: the store's 401 is shown" "$(cat "$scratch/err")"
expect_status "load of an N-Quads file (several graphs): exit 64" 64 \
  "$ILDKG" load --endpoint "$crud" --file "$srcdir/exports/cop-ctd-ild.nq"
expect_status "load to a closed port: exit 76" 76 \
  "$ILDKG" load --endpoint "http://127.0.0.1:$port/nothing-here" --timeout 10

stop_virtuoso
done_testing
