#!/bin/sh
# ildkg build: deterministic, committed exports up to date, nothing lost on failure.
. "$srcdir/tests/cli/lib.sh"

exts="ttl nt nq jsonld rdf void.ttl sssom.tsv hpoa kgx_nodes.tsv kgx_edges.tsv kgx_nodes.jsonl kgx_edges.jsonl kgx_graph.json"
expect_status "build into a new directory exits 0" 0 "$ILDKG" build --out "$scratch/a"
for ext in $exts; do
  grep -q "^wrote $scratch/a/cop-ctd-ild.$ext (" "$scratch/out" && ok "build reports cop-ctd-ild.$ext" ||
    not_ok "build reports cop-ctd-ild.$ext" "$(cat "$scratch/out")"
done
expect_status "a second build exits 0" 0 "$ILDKG" build --out "$scratch/b"
for ext in $exts; do
  check "two builds give a byte-identical .$ext" cmp "$scratch/a/cop-ctd-ild.$ext" "$scratch/b/cop-ctd-ild.$ext"
  check "the committed exports/cop-ctd-ild.$ext equals a fresh build (run 'make exports')" \
    cmp "$srcdir/exports/cop-ctd-ild.$ext" "$scratch/a/cop-ctd-ild.$ext"
done
ls "$scratch/a" >"$scratch/listing"
[ "$(cat "$scratch/listing")" = "$(printf 'cop-ctd-ild.hpoa\ncop-ctd-ild.jsonld\ncop-ctd-ild.kgx_edges.jsonl\ncop-ctd-ild.kgx_edges.tsv\ncop-ctd-ild.kgx_graph.json\ncop-ctd-ild.kgx_nodes.jsonl\ncop-ctd-ild.kgx_nodes.tsv\ncop-ctd-ild.nq\ncop-ctd-ild.nt\ncop-ctd-ild.rdf\ncop-ctd-ild.sssom.tsv\ncop-ctd-ild.ttl\ncop-ctd-ild.void.ttl')" ] &&
  ok "the output directory holds the exports and nothing else" ||
  not_ok "the output directory holds the exports and nothing else" "$(cat "$scratch/listing")"
for ext in $exts; do
  if grep -q '_:' "$scratch/a/cop-ctd-ild.$ext"; then
    not_ok "no blank nodes in .$ext"
  else
    ok "no blank nodes in .$ext"
  fi
done
sort "$scratch/a/cop-ctd-ild.nt" | cmp -s - "$scratch/a/cop-ctd-ild.nt" &&
  ok "N-Triples lines are sorted" || not_ok "N-Triples lines are sorted"

# The facts read in a different order give the same bytes.
dir="$scratch/reordered"
copy_inputs "$dir"
for f in "$dir"/facts/statements/*.tsv; do
  { grep '^#' "$f"; grep -v '^#' "$f" | head -1; grep -v '^#' "$f" | tail -n +2 | sort -r; } >"$f.new"
  mv "$f.new" "$f"
done
{ grep '^#' "$dir/facts/entities.tsv"; grep -v '^#' "$dir/facts/entities.tsv" | head -1
  grep -v '^#' "$dir/facts/entities.tsv" | tail -n +2 | sort -r; } >"$dir/e" && mv "$dir/e" "$dir/facts/entities.tsv"
expect_status "build from reordered facts exits 0" 0 \
  "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" --out "$dir/out"
for ext in ttl nt nq jsonld; do
  check "reordered facts give a byte-identical .$ext" cmp "$scratch/a/cop-ctd-ild.$ext" "$dir/out/cop-ctd-ild.$ext"
done

# --format writes only what is asked, and the same bytes.
expect_status "--format ntriples exits 0" 0 "$ILDKG" build --out "$scratch/nt" --format ntriples
[ "$(ls "$scratch/nt")" = "cop-ctd-ild.nt" ] && ok "--format ntriples writes only the .nt" ||
  not_ok "--format ntriples writes only the .nt" "$(ls "$scratch/nt")"
check "--format ntriples gives the same .nt" cmp "$scratch/a/cop-ctd-ild.nt" "$scratch/nt/cop-ctd-ild.nt"

# Bad data: exit 65 and the output directory is left exactly as it was.
# Every file's name, size, modification time and checksum (the directory's own time may
# change: a failed build creates and removes its temporary files there).
snapshot() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort && cksum ./*) ; }
dir="$scratch/broken"
copy_inputs "$dir"
printf 'broken\tCOP\thasSymptom\tCough\t\t50\tclinical-features\tcough\n' >>"$dir/facts/statements/03-clinical-features.tsv"
snapshot "$scratch/a" >"$scratch/before"
expect_status "a reference [50] makes build exit 65" 65 \
  "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" --out "$scratch/a"
grep -q "^$dir/facts/statements/03-clinical-features.tsv:[0-9][0-9]*: field references: reference 50 out of range" "$scratch/err" &&
  ok "the error names FILE:LINE and the field" || not_ok "the error names FILE:LINE and the field" "$(cat "$scratch/err")"
snapshot "$scratch/a" >"$scratch/after"
check "bad data leaves the output directory exactly as it was" cmp "$scratch/before" "$scratch/after"
expect_status "bad data into a new directory exits 65" 65 \
  "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" --out "$scratch/never"
[ ! -e "$scratch/never" ] && ok "bad data creates no output directory" ||
  not_ok "bad data creates no output directory"

# Another live build holds the lock on the parent directory: exit 73, and nothing changes.
snapshot "$scratch/a" >"$scratch/before"
flock -o "$scratch" sleep 30 &
holder=$!
sleep 0.3
expect_status "an export set another live build writes makes build exit 73" 73 "$ILDKG" build --out "$scratch/a"
grep -q "^$scratch: another build is writing an export set in this directory" "$scratch/err" &&
  ok "the busy directory is named" || not_ok "the busy directory is named" "$(cat "$scratch/err")"
grep -q "$scratch/a still holds the previous export set, unchanged" "$scratch/err" &&
  ok "... and the message says the previous set is kept" || not_ok "... and the message says the previous set is kept" "$(cat "$scratch/err")"
snapshot "$scratch/a" >"$scratch/after"
check "after the failure no export changed" cmp "$scratch/before" "$scratch/after"
pkill -P "$holder" 2>/dev/null; kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
# A stale staging directory (its build was killed, nobody holds the lock): cleared.
mkdir "$scratch/.a.ildkg-staging" && : >"$scratch/.a.ildkg-staging/cop-ctd-ild.ttl"
expect_status "a stale staging directory from a killed build is cleared" 0 "$ILDKG" build --out "$scratch/a"
[ ! -e "$scratch/.a.ildkg-staging" ] && cmp -s "$scratch/a/cop-ctd-ild.rdf" "$srcdir/exports/cop-ctd-ild.rdf" &&
  ok "... and the export is complete" || not_ok "... and the export is complete"
# One holding what no build wrote is left alone, and the build refused.
mkdir "$scratch/.a.ildkg-staging" && : >"$scratch/.a.ildkg-staging/notes.txt"
expect_status "a staging directory holding other files makes build exit 73" 73 "$ILDKG" build --out "$scratch/a"
[ -e "$scratch/.a.ildkg-staging/notes.txt" ] && ok "... and its files are kept" || not_ok "... and its files are kept"
rm -r "$scratch/.a.ildkg-staging"
# The whole directory is switched, so --out must hold exports only: never moved away.
: >"$scratch/a/README"
expect_status "an output directory holding other files exits 73" 73 "$ILDKG" build --out "$scratch/a"
grep -q "^$scratch/a: holds 'README', which is no export file" "$scratch/err" &&
  ok "... naming the file" || not_ok "... naming the file" "$(cat "$scratch/err")"
rm "$scratch/a/README"
mkdir "$scratch/a/cop-ctd-ild.nq.d"
expect_status "a directory inside --out exits 73" 73 "$ILDKG" build --out "$scratch/a"
rmdir "$scratch/a/cop-ctd-ild.nq.d"
expect_status "--out . exits 73" 73 "$ILDKG" build --out .

# No fixed buffer cuts or loses data: a label of 601 characters (1201 bytes) reaches every
# format whole, and so does a qualifier text holding it (a statement named by a qualifier
# shows as its label); a decimal with 5000 leading zeros is a valid decimal.
dir="$scratch/long"
copy_inputs "$dir"
"$PYTHON3" - "$dir/facts/entities.tsv" <<'EOF2'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if line.startswith("Cough\t"):
        fields = line.split("\t")
        fields[2] = "x" + "\u00e9" * 600
        lines[i] = "\t".join(fields)
open(path, "w", encoding="utf-8").write("\n".join(lines))
EOF2
sed -i "s/sharePercent=50;/sharePercent=$(printf '0%.0s' $(seq 5000))50;/" "$dir/facts/statements/02-introduction.tsv"
expect_status "long labels and long numbers validate" 0 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
expect_status "... and build" 0 "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" --out "$scratch/long-out"
check "the 601-character label is whole, also in the labels and qualifier texts naming it" "$PYTHON3" -c '
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")
label = "x" + "\u00e9" * 600
texts = [str(o) for o in g.objects() if isinstance(o, rdflib.Literal)]
whole = texts.count(label) >= 1
named = sum(1 for t in texts if label + " / " in t or " / " + label in t)
sys.exit(0 if whole and named >= 1 else 1)' "$scratch/long-out/cop-ctd-ild.nt"
check "Turtle and N-Triples hold the same triples" "$PYTHON3" -c '
import sys, rdflib, rdflib.compare
a = rdflib.Graph(); a.parse(sys.argv[1], format="turtle")
b = rdflib.Graph(); b.parse(sys.argv[2], format="turtle")
sys.exit(0 if rdflib.compare.isomorphic(a, b) else 1)' "$scratch/long-out/cop-ctd-ild.ttl" "$scratch/long-out/cop-ctd-ild.nt"
grep -q 'sharePercent> "50.0"' "$scratch/long-out/cop-ctd-ild.nt" && ok "5000 leading zeros: the value 50.0" ||
  not_ok "5000 leading zeros: the value 50.0"

# An unwritable output directory: exit 73, not a crash.
if [ "$(id -u)" != 0 ]; then
  mkdir "$scratch/ro" && chmod a-w "$scratch/ro"
  expect_status "an unwritable output directory exits 73" 73 "$ILDKG" build --out "$scratch/ro"
else
  ok "an unwritable output directory exits 73 # SKIP root can write anywhere"
fi
done_testing
