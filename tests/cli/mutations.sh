#!/bin/sh
# Mutated copies of the shipped facts (see mutations.py): ILDKG_MUTATIONS cases (default 300)
# from seed ILDKG_MUTATION_SEED (default 1: the same cases in every run; set another to explore).
. "${srcdir:?}/tests/cli/lib.sh"
exec "$PYTHON3" "$srcdir/tests/cli/mutations.py" "$ILDKG" "$srcdir" "$scratch" \
  "${ILDKG_MUTATIONS:-300}" "${ILDKG_MUTATION_SEED:-1}"
