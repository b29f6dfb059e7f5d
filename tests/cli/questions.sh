#!/bin/sh
# Research questions about the review, answered from `ildkg compare` output alone. Each
# answer is a row of a topic's CSV; the review's own words are quoted beside it (line
# numbers of ../shared/source/cop-ctd-ild-review.txt).
. "$srcdir/tests/cli/lib.sh"

# answer QUESTION TOPIC COLUMN=VALUE|COLUMN~TEXT...: ok when one row of `compare TOPIC`
# has every column equal to VALUE (=) or containing TEXT (~).
answer() {
  question=$1 topic=$2
  shift 2
  if ! "$ILDKG" compare -f csv "$topic" >"$scratch/answer.csv" 2>"$scratch/err"; then
    not_ok "$question" "compare $topic failed: $(cat "$scratch/err")"
    return
  fi
  check "$question ($topic)" "$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
def holds(row, cond):
    if "=" in cond and ("~" not in cond or cond.index("=") < cond.index("~")):
        column, value = cond.split("=", 1)
        return row.get(column) == value
    column, text = cond.split("~", 1)
    return text in (row.get(column) or "")
if not any(all(holds(r, c) for c in sys.argv[2:]) for r in rows):
    sys.exit("no row of %d has %s" % (len(rows), sys.argv[2:]))' "$scratch/answer.csv" "$@"
}

# l.60-62: "The prevalence of COP between males and females are almost equal and are usually aged between 50 and 60 years [9,10,11]"
answer "COP affects both sexes alike, at 50 to 60 years" demographics \
  "feature=affected patients" "cop=yes" "qualifiers~no sex predominance" \
  "qualifiers~minimum age (years): 50" "qualifiers~maximum age (years): 60" "references=[9, 10, 11]"
# l.76-77: "CTD-ILD has a higher prevalence in female patients and individuals aged between 40 and 60years [14]"
answer "CTD-ILD affects more women, at 40 to 60 years" demographics \
  "feature=affected patients" "ctd_ild=yes" "qualifiers~female predominance" \
  "qualifiers~minimum age (years): 40" "qualifiers~maximum age (years): 60" "references=[14]"
# l.114-116: "anti-Jo1 is the most common anti-synthetase associated with ILD"
answer "the most common anti-synthetase in PM/DM-ILD is anti-Jo1" autoantibodies \
  "feature=anti-Jo1" "ctd_ild=yes" "ctd=polymyositis/dermatomyositis" "qualifiers~frequency: most common"
# l.137-139: "On chest HRCT, patchy airspace consolidation (present in 90% of patients)"
answer "HRCT shows patchy consolidation in 90% of COP patients" radiology \
  "feature=patchy airspace consolidation" "cop=yes" \
  "qualifiers~high resolution computed tomography" "qualifiers~share of patients (percent): 90"
# l.276, l.282: a restrictive pattern in COP [39] and in most CTD-ILD
answer "both show a restrictive ventilatory pattern on PFT" shared \
  "feature=restrictive ventilatory pattern" "relation=has pulmonary function finding"
answer "COP's restrictive pattern is mild to moderate" pulmonary-function \
  "feature=restrictive ventilatory pattern" "cop=yes" "qualifiers~minimum severity: mild" \
  "qualifiers~maximum severity: moderate" "references=[39]"
# l.13: "Corticosteroids is the mainstay" (of treatment, for both)
answer "both are treated with corticosteroids" shared "feature=corticosteroid" "relation=treated with"
# l.329-331: "approximately 70% 5-year survival" when treatment starts early [49]
answer "CTD-ILD's 5-year survival is about 70% with early treatment" prognosis \
  "feature=5-year survival" "ctd_ild=yes" "qualifiers~share of patients (percent): 70" \
  "qualifiers~condition: treatment started early" "references=[49]"
answer "reference 49 supports the 5-year survival claim" references \
  "reference=49" "claim~5-year survival"
# A question the review does not answer finds no row (the check can fail).
if "$ILDKG" compare -f csv prognosis >"$scratch/p.csv" 2>&1 &&
  ! "$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
sys.exit(0 if any(r["feature"] == "5-year survival" and r["cop"] == "yes" for r in rows) else 1)' "$scratch/p.csv"; then
  ok "no COP 5-year survival is claimed (the review gives none)"
else
  not_ok "no COP 5-year survival is claimed (the review gives none)" "$(grep -i survival "$scratch/p.csv")"
fi
done_testing
