#!/bin/sh
# Build the libFuzzer targets against BUILD/src/libildkg.a (configured with clang and
# -fsanitize=fuzzer-no-link,address,undefined) and run each for SECONDS, seeded from facts/,
# ontology/checks and tests/data. Any crash, leak, timeout or sanitizer report fails; the
# input that caused it is kept in BUILD/fuzz-findings/ for a regression test.
# Usage: fuzz/run.sh BUILD SECONDS
set -eu
build=$1 seconds=$2
src=$(cd "$(dirname "$0")/.." && pwd)
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
includes="$(pkg-config --cflags redland raptor2 rasqal jansson libcurl) -I$build -I$src/src/base -I$src/src/facts -I$src/src/rdf -I$src/src/io -I$src/src/query"
libs=$(pkg-config --libs redland raptor2 rasqal jansson libcurl)
work=$(mktemp -d "${TMPDIR:-/tmp}/ildkg-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/fuzz-findings"
for target in fuzz_facts fuzz_query_text; do
  # shellcheck disable=SC2086
  clang $flags $includes "$src/fuzz/$target.c" "$build/src/libildkg.a" $libs -o "$work/$target"
done

# Seeds: each facts file behind the byte that selects it; the queries of the project.
mkdir "$work/facts-seeds" "$work/query-seeds"
i=0
for f in review.tsv sections.tsv entities.tsv mappings.tsv statements/03-clinical-features.tsv \
  statements/06-table-1.tsv; do
  { printf "\\$(printf '%03o' "$i")"; cat "$src/facts/$f"; } >"$work/facts-seeds/$i"
  i=$((i + 1))
done
find "$src/ontology" "$src/tests/data" -name '*.rq' -size -64k -exec cp {} "$work/query-seeds/" \; 2>/dev/null || true
# Every past finding (fuzz/regressions/facts-* and query-*) is run again first.
for f in "$src"/fuzz/regressions/facts-*; do [ -e "$f" ] && cp "$f" "$work/facts-seeds/"; done
for f in "$src"/fuzz/regressions/query-*; do [ -e "$f" ] && cp "$f" "$work/query-seeds/"; done
cp -R "$src/facts" "$work/facts" && cp -R "$src/ontology" "$work/ontology" && chmod -R u+w "$work"

status=0
run() {
  target=$1 seeds=$2
  echo "::: fuzz: $target for $seconds s"
  if ! ILDKG_FUZZ_FACTS="$work/facts" ILDKG_FUZZ_ONTOLOGY="$work/ontology" \
    "$work/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
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
run fuzz_query_text "$work/query-seeds"
exit $status
