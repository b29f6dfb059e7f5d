#!/bin/sh
# Build the libFuzzer targets against BUILD/src/libildkg.a and libildkg_cli.a (configured
# with clang and -fsanitize=fuzzer-no-link,address,undefined) and run each for SECONDS:
# the facts reader and validator, the ontology reader, the query front end and every
# option parser, seeded from facts/, ontology/, the project's queries and fuzz/seeds. Any crash, leak, timeout or sanitizer report fails; the
# input that caused it is kept in BUILD/fuzz-findings/ for a regression test.
# Usage: fuzz/run.sh BUILD SECONDS
set -eu
build=$1 seconds=$2
src=$(cd "$(dirname "$0")/.." && pwd)
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
includes="$(pkg-config --cflags redland raptor2 rasqal jansson libcurl libmicrohttpd) -I$build -I$src/src/base -I$src/src/facts -I$src/src/rdf -I$src/src/io -I$src/src/query -I$src/src/serve -I$src/src/cmd"
libs="$(pkg-config --libs redland raptor2 rasqal jansson libcurl libmicrohttpd) -pthread"
work=$(mktemp -d "${TMPDIR:-/tmp}/ildkg-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/fuzz-findings"
for target in fuzz_facts fuzz_ontology fuzz_query_text fuzz_options; do
  # shellcheck disable=SC2086
  clang $flags $includes "$src/fuzz/$target.c" "$build/src/libildkg_cli.a" "$build/src/libildkg.a" \
    $libs -o "$work/$target"
done

# Seeds: each facts file behind the byte that selects it; the queries of the project.
mkdir "$work/facts-seeds" "$work/query-seeds" "$work/ontology-seeds" "$work/options-seeds"
i=0
for f in review.tsv sections.tsv entities.tsv mappings.tsv statements/03-clinical-features.tsv \
  statements/06-table-1.tsv; do
  { printf "\\$(printf '%03o' "$i")"; cat "$src/facts/$f"; } >"$work/facts-seeds/$i"
  i=$((i + 1))
done
find "$src/ontology" "$src/tests/data" -name '*.rq' -size -64k -exec cp {} "$work/query-seeds/" \; 2>/dev/null || true
cp "$src/ontology/ildkg.ttl" "$src/tests/data/nasty-literals.ttl" "$work/ontology-seeds/"
cp "$src"/fuzz/seeds/options/* "$work/options-seeds/"
# Every past finding (fuzz/regressions/TARGET-*) is run again first.
for kind in facts query ontology options; do
  for f in "$src"/fuzz/regressions/"$kind"-*; do [ -e "$f" ] && cp "$f" "$work/$kind-seeds/"; done
done
cp -R "$src/facts" "$work/facts" && cp -R "$src/ontology" "$work/ontology" && chmod -R u+w "$work"

status=0
# run TARGET SEEDS [MAX_LEN [ASAN_OPTIONS]]
run() {
  target=$1 seeds=$2 max_len=${3:-65536} asan=${4:-}
  echo "::: fuzz: $target for $seconds s"
  if ! ILDKG_FUZZ_FACTS="$work/facts" ILDKG_FUZZ_ONTOLOGY="$work/ontology" \
    LSAN_OPTIONS="suppressions=$src/fuzz/lsan.supp:print_suppressions=0" ASAN_OPTIONS="$asan" \
    "$work/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$target-" "$seeds" 2>"$work/$target.log"; then
    tail -60 "$work/$target.log"
    echo "fuzz: $target FAILED; the input is in $build/fuzz-findings/"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^Done" "$work/$target.log" || true
    echo "fuzz: $target: no crash, leak or sanitizer report"
  fi
}
run fuzz_facts "$work/facts-seeds"
# Raptor's Turtle parser leaks on some bad input (fuzz/lsan.supp): whole stacks to tell its
# leaks from ildkg's.
run fuzz_ontology "$work/ontology-seeds" 131072 fast_unwind_on_malloc=0
run fuzz_query_text "$work/query-seeds"
run fuzz_options "$work/options-seeds" 4096
exit $status
