#!/bin/sh
# Real parsers read every export back: rapper (raptor) for each syntax, and rdflib,
# an independent RDF library, confirms all formats carry the same graph.
. "$srcdir/tests/cli/lib.sh"

expect_status "build exits 0" 0 "$ILDKG" build --out "$scratch/x"
for dir in "$scratch/x" "$srcdir/exports"; do
  for pair in turtle:ttl ntriples:nt nquads:nq rdfxml:rdf; do
    syntax=${pair%%:*} ext=${pair#*:}
    file="$dir/cop-ctd-ild.$ext"
    if "$RAPPER" -q -i "$syntax" -c "$file" 2>"$scratch/err"; then
      ok "rapper -i $syntax parses $file"
    else
      not_ok "rapper -i $syntax parses $file" "$(head -5 "$scratch/err")"
    fi
  done
  check "rdflib (with pyld for JSON-LD): all five exports in $dir are one graph" \
    "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" isomorphic \
    "$dir/cop-ctd-ild.ttl" turtle "$dir/cop-ctd-ild.nt" nt "$dir/cop-ctd-ild.nq" nquads \
    "$dir/cop-ctd-ild.jsonld" jsonld "$dir/cop-ctd-ild.rdf" xml
done
check "rdflib: the graph has what every claim needs" \
  "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" shape "$scratch/x/cop-ctd-ild.ttl"
done_testing
