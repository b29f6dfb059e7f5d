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
expect_status "a --base without / or # at the end exits 64" 64 \
  "$ILDKG" build --out "$scratch/o" --base https://example.org/kg
[ ! -e "$scratch/o" ] && ok "usage errors create no output directory" ||
  not_ok "usage errors create no output directory"
expect_status "a missing facts directory exits 66" 66 "$ILDKG" validate --facts "$scratch/none"
expect_status "a missing ontology directory exits 66" 66 "$ILDKG" validate --ontology "$scratch/none"
mkdir -p "$scratch/ro" && touch "$scratch/ro/exports" # a file where the directory should be
expect_status "an output path that is a file exits 73" 73 "$ILDKG" build --out "$scratch/ro/exports"
done_testing
