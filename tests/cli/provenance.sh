#!/bin/sh
# Traceability: every quote is text of the review, every external id a checked mapping.
# Both need ../shared (the review and the checked mappings), which is not distributed.
. "$srcdir/tests/cli/lib.sh"

shared=${ILDKG_SHARED_DIR:-$srcdir/../shared}
if [ ! -f "$shared/source/cop-ctd-ild-review.txt" ]; then
  echo "1..0 # SKIP no review text at $shared (set ILDKG_SHARED_DIR)"
  exit 0
fi
check "every statement's quote is text of the review" \
  "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" quotes "$shared/source/cop-ctd-ild-review.txt" "$srcdir/facts"
check "every external id is a row of the checked mappings, label and all" \
  "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" mappings "$shared/mappings/ontology-ids.tsv" "$srcdir/facts/mappings.tsv"
done_testing
