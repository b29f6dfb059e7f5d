#!/bin/sh
# The bad-input corpus, tests/data/bad_inputs.py: each case's exit status and message, out/
# untouched by a refused build, every format of an accepted one read back to one graph.
. "${srcdir:?}/tests/cli/lib.sh"
exec "$PYTHON3" "$srcdir/tests/cli/bad_inputs.py" "$ILDKG" "$srcdir" "$scratch"
