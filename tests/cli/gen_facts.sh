#!/bin/sh
# The benchmark's tools: tests/bench/gen-facts makes valid facts, the same bytes for the
# same N, with every shipped predicate; --subtypes adds disease-specific CTD-ILDs that the
# graph checks see; build --timing and compare --timing print their stages and topics.
. "$srcdir/tests/cli/lib.sh"

gen="$srcdir/tests/bench/gen-facts"
"$PYTHON3" "$gen" 1000 "$scratch/a" && "$PYTHON3" "$gen" 1000 "$scratch/b"
expect_status "gen-facts 1000: ildkg validate accepts them" 0 "$ILDKG" validate --facts "$scratch/a/facts"
grep -q ', 1000 statements;' "$scratch/out" && ok "... 1000 statements" ||
  not_ok "... 1000 statements" "$(cat "$scratch/out")"
diff -r "$scratch/a" "$scratch/b" >/dev/null && ok "gen-facts: the same N gives the same bytes" ||
  not_ok "gen-facts: the same N gives the same bytes"
shipped=$(cat "$srcdir"/facts/statements/*.tsv | grep -v '^#' | grep -v '^id	' | cut -f3 | sort -u)
generated=$(grep -v '^#' "$scratch/a/facts/statements/01-generated.tsv" | grep -v '^id	' | cut -f3 | sort -u)
[ "$shipped" = "$generated" ] && ok "gen-facts: every shipped predicate, and no other" ||
  not_ok "gen-facts: every shipped predicate, and no other"
"$PYTHON3" "$gen" --subtypes 2000 "$scratch/c"
expect_status "gen-facts --subtypes 2000: valid, graph checks hold" 0 "$ILDKG" validate --facts "$scratch/c/facts"
n=$(grep -c '^GenCtdIld' "$scratch/c/facts/entities.tsv")
[ "$n" = 125 ] && ok "gen-facts --subtypes 2000: 125 new disease-specific CTD-ILDs" ||
  not_ok "gen-facts --subtypes 2000: 125 new disease-specific CTD-ILDs" "$n"
# The check sees them: drop one's Table 1 row and the rule must say so.
grep -v '^gen-7-table	' "$scratch/c/facts/statements/01-generated.tsv" >"$scratch/c/x" &&
  mv "$scratch/c/x" "$scratch/c/facts/statements/01-generated.tsv"
expect_status "gen-facts --subtypes: a generated CTD-ILD without its Table 1 row fails the check" 65 \
  "$ILDKG" validate --facts "$scratch/c/facts"
grep -q 'GenCtdIld7> ?problem="no Table 1 row' "$scratch/err" && ok "... naming it" ||
  not_ok "... naming it" "$(head -3 "$scratch/err")"
expect_status "gen-facts 100 (fewer than the shipped statements): refused" 1 "$PYTHON3" "$gen" 100 "$scratch/d"

"$ILDKG" build --timing --format turtle --out "$scratch/out-build" >/dev/null 2>"$scratch/timing"
n=$(grep -c '^ildkg build: timing: .*: wall [0-9.]* ms, cpu [0-9.]* ms$' "$scratch/timing")
[ "$n" = 4 ] && ok "build --timing: four stages" || not_ok "build --timing: four stages" "$(cat "$scratch/timing")"
"$ILDKG" compare --timing -f csv summary only-cop >/dev/null 2>"$scratch/timing"
n=$(grep -c '^ildkg compare: timing: [a-z-]*: query [0-9.]* ms$' "$scratch/timing")
[ "$n" = 2 ] && ok "compare --timing: one line a topic" || not_ok "compare --timing: one line a topic" "$(cat "$scratch/timing")"
done_testing
