#!/bin/sh
# Command-line contract: help, version, usage errors (exit 64), stdout write errors.
. "$srcdir/tests/cli/lib.sh"

expect_status "--version exits 0" 0 "$ILDKG" --version
grep -q "^ildkg [0-9]" "$scratch/out" && ok "--version prints the version" ||
  not_ok "--version prints the version" "$(cat "$scratch/out")"
expect_status "--help exits 0" 0 "$ILDKG" --help
for cmd in build validate stats; do
  expect_status "$cmd --help exits 0" 0 "$ILDKG" "$cmd" --help
  grep -q "^Usage: ildkg $cmd" "$scratch/out" && ok "$cmd --help prints usage to stdout" ||
    not_ok "$cmd --help prints usage to stdout"
  expect_status "$cmd --help to /dev/full fails" 74 sh -c "'$ILDKG' $cmd --help >/dev/full"
  expect_status "$cmd with an unknown option exits 64" 64 "$ILDKG" "$cmd" --no-such-option
  expect_status "$cmd with a stray argument exits 64" 64 "$ILDKG" "$cmd" stray
  expect_status "$cmd with an option missing its value exits 64" 64 "$ILDKG" "$cmd" --facts
done
expect_status "no command exits 64" 64 "$ILDKG"
expect_status "an unknown command exits 64" 64 "$ILDKG" frobnicate
expect_status "an unknown --format exits 64" 64 "$ILDKG" build --out "$scratch/o" --format turtle,nosuch
grep -q "unknown format 'nosuch'" "$scratch/err" && ok "the unknown format is named" ||
  not_ok "the unknown format is named" "$(cat "$scratch/err")"
expect_status "a relative --base exits 64" 64 "$ILDKG" build --out "$scratch/o" --base cop/
expect_status "a --base that is not UTF-8 exits 64" 64 "$ILDKG" build --out "$scratch/o" --base "$(printf 'https://x.org/\377/')"
expect_status "a --base with U+FFFE exits 64" 64 "$ILDKG" context --base "$(printf 'https://x.org/\357\277\276/')"
expect_status "context with a --base that is not UTF-8 exits 64" 64 "$ILDKG" context --base "$(printf 'https://x.org/\377/')"
expect_status "a --base beyond ASCII that an IRI may hold is taken" 0 "$ILDKG" context --base "https://x.org/café/"
expect_status "a --jsonld-context that is no IRI exits 64" 64 "$ILDKG" build --out "$scratch/o" --jsonld-context 'httpgarbage"<>'
expect_status "a --base without / or # at the end exits 64" 64 \
  "$ILDKG" build --out "$scratch/o" --base https://example.org/kg
[ ! -e "$scratch/o" ] && ok "usage errors create no output directory" ||
  not_ok "usage errors create no output directory"
expect_status "a missing facts directory exits 66" 66 "$ILDKG" validate --facts "$scratch/none"
expect_status "a missing ontology directory exits 66" 66 "$ILDKG" validate --ontology "$scratch/none"
mkdir -p "$scratch/ro" && touch "$scratch/ro/exports" # a file where the directory should be
expect_status "an output path that is a file exits 73" 73 "$ILDKG" build --out "$scratch/ro/exports"
# --endpoint: only http(s) URLs, never with --data; a store that cannot be reached or
# does not answer in time fails the command (76, 75) without a network beyond loopback.
for cmd in query compare; do
  expect_status "$cmd --endpoint ftp://x exits 64" 64 "$ILDKG" $cmd --endpoint ftp://x
  grep -q "bad --endpoint 'ftp://x'" "$scratch/err" && ok "$cmd names the bad --endpoint" ||
    not_ok "$cmd names the bad --endpoint" "$(cat "$scratch/err")"
  expect_status "$cmd --endpoint with --data exits 64" 64 \
    "$ILDKG" $cmd --data "$srcdir/exports/cop-ctd-ild.ttl" --endpoint http://127.0.0.1/sparql
  expect_status "$cmd --data after --endpoint exits 64" 64 \
    "$ILDKG" $cmd --endpoint http://127.0.0.1/sparql --data "$srcdir/exports/cop-ctd-ild.ttl"
  grep -q "give --data or --endpoint, not both" "$scratch/err" && ok "$cmd says why" ||
    not_ok "$cmd says why" "$(cat "$scratch/err")"
  "$ILDKG" $cmd --help | grep -q -- "--endpoint URL" && ok "$cmd --help documents --endpoint" ||
    not_ok "$cmd --help documents --endpoint"
done
port=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect_status "query --endpoint on a closed port exits 76" 76 \
  "$ILDKG" query --endpoint "http://127.0.0.1:$port/sparql" -e 'ASK {}'
grep -q "http://127.0.0.1:$port/sparql: .*onnect" "$scratch/err" &&
  ok "the failed connection names the URL" || not_ok "the failed connection names the URL" "$(cat "$scratch/err")"
expect_status "compare --endpoint on a closed port exits 76" 76 \
  "$ILDKG" compare --endpoint "http://127.0.0.1:$port/sparql" symptoms
# A server that accepts the connection and never answers: --timeout ends the wait.
"$PYTHON3" -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True); time.sleep(60)' >"$scratch/silent.port" &
silent=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$scratch/silent.port" ] && break; sleep 0.2; done
expect_status "query --endpoint --timeout 1 on a silent server exits 75" 75 \
  "$ILDKG" query --timeout 1 --endpoint "http://127.0.0.1:$(cat "$scratch/silent.port")/sparql" -e 'ASK {}'
kill "$silent" 2>/dev/null
wait "$silent" 2>/dev/null
# One version: --version's (configure.ac) is the ontology's, the citation's and the changelog's.
version=$("$ILDKG" --version | sed 's/^ildkg //')
onto=$(sed -n 's/.*owl:versionInfo "\([^"]*\)".*/\1/p' "$srcdir/ontology/ildkg.ttl" | head -1)
onto_iri=$(sed -n 's|.*owl:versionIRI <https://w3id.org/ildkg/ontology/\([^>]*\)>.*|\1|p' "$srcdir/ontology/ildkg.ttl" | head -1)
cff=$(sed -n 's/^version: //p' "$srcdir/CITATION.cff")
log=$(sed -n 's/^## \([0-9][^ ]*\).*/\1/p' "$srcdir/CHANGELOG.md" | head -1)
[ -n "$version" ] && [ "$version" = "$onto" ] && [ "$version" = "$onto_iri" ] && [ "$version" = "$cff" ] &&
  [ "$version" = "$log" ] && ok "one version everywhere: $version" ||
  not_ok "one version everywhere (make version writes configure.ac's into the ontology and CITATION.cff)" \
    "--version $version, ontology $onto (IRI $onto_iri), CITATION.cff $cff, CHANGELOG.md $log"
for f in LICENSE CITATION.cff CHANGELOG.md; do
  [ -s "$srcdir/$f" ] && ok "$f is there" || not_ok "$f is there"
done
done_testing
