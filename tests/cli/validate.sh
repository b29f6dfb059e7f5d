#!/bin/sh
# The strict reader: each kind of bad line exits 65 with FILE:LINE: field NAME: ... on stderr.
. "$srcdir/tests/cli/lib.sh"

header='id	subject	predicate	object	qualifiers	references	section	quote'

# case NAME EXPECTED_STDERR LINE...: validate the shipped facts plus a statements file
# statements/99-broken.tsv holding LINE... under the header; compare stderr exactly.
case_statements() {
  name=$1 expected=$2
  shift 2
  dir="$scratch/$name"
  copy_inputs "$dir"
  { echo "$header"; for line in "$@"; do printf '%s\n' "$line"; done; } \
    >"$dir/facts/statements/99-broken.tsv"
  (cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >"$scratch/out" 2>"$scratch/err"
  status=$?
  printf '%s\n' "$expected" >"$scratch/expected"
  if [ "$status" = 65 ] && cmp -s "$scratch/expected" "$scratch/err"; then
    ok "$name: exit 65 and the expected message"
  else
    not_ok "$name: exit 65 and the expected message" "exit $status" \
      "got: $(cat "$scratch/err")" "expected: $(cat "$scratch/expected")"
  fi
}

F=facts/statements/99-broken.tsv
S=clinical-features

case_statements reference-50 \
"$F:2: field references: reference 50 out of range (expected reference numbers 1..49 separated by ',', each once)
ildkg validate: 1 problem found" \
"bad-ref	COP	hasSymptom	Cough		9,50	$S	cough"

LONG_ID=$(printf 'a%.0s' $(seq 129))
case_statements long-id \
"$F:2: field id: an id of 129 characters (expected at most 128 characters)
ildkg validate: 1 problem found" \
"$LONG_ID	COP	hasSymptom	Cough		9	$S	cough"

case_statements malformed-reference \
"$F:2: field references: malformed reference '[9]' (expected reference numbers 1..49 separated by ',', each once)
ildkg validate: 1 problem found" \
"bad-ref	COP	hasSymptom	Cough		[9]	$S	cough"

case_statements repeated-reference \
"$F:2: field references: reference 9 repeated (expected reference numbers 1..49 separated by ',', each once)
ildkg validate: 1 problem found" \
"bad-ref	COP	hasSymptom	Cough		9,10,9	$S	cough"

case_statements unknown-entity \
"$F:2: field subject: unknown entity 'CPO' (expected an id of entities.tsv)
ildkg validate: 1 problem found" \
"bad-entity	CPO	hasSymptom	Cough			$S	cough"

case_statements unknown-predicate \
"$F:2: field predicate: unknown predicate 'hasSymptoms' (expected a property of the ontology with an ildkg:statementClass)
ildkg validate: 1 problem found" \
"bad-predicate	COP	hasSymptoms	Cough			$S	cough"

case_statements wrong-range \
"$F:2: field object: 'COP' is a Disease (expected a ClinicalFeature for hasSymptom)
ildkg validate: 1 problem found" \
"bad-range	COP	hasSymptom	COP			$S	cough"

case_statements column-count \
"$F:2: 7 tab-separated fields (expected 8: id ... quote)
ildkg validate: 1 problem found" \
"bad-columns	COP	hasSymptom	Cough			$S"

case_statements empty-quote \
"$F:2: field quote: empty (expected a value)
ildkg validate: 1 problem found" \
"bad-quote	COP	hasSymptom	Cough			$S	"

case_statements bad-number \
"$F:2: field qualifiers: bad number or value '9O' (expected xsd:decimal from 0 to 100 for sharePercent)
ildkg validate: 1 problem found" \
"bad-number	COP	hasSymptom	Cough	sharePercent=9O		$S	cough"

case_statements percent-out-of-range \
"$F:2: field qualifiers: bad number or value '120' (expected xsd:decimal from 0 to 100 for sharePercent)
ildkg validate: 1 problem found" \
"bad-percent	COP	hasSymptom	Cough	sharePercent=120		$S	cough"

case_statements unknown-qualifier \
"$F:2: field qualifiers: unknown qualifier 'often' (expected a sub-property of ildkg:objectQualifier or ildkg:dataQualifier)
ildkg validate: 1 problem found" \
"bad-qualifier	COP	hasSymptom	Cough	often=true		$S	cough"

case_statements unknown-term \
"$F:2: field qualifiers: unknown term 'Sometimes' (expected a term of class FrequencyTerm for frequency)
ildkg validate: 1 problem found" \
"bad-term	COP	hasSymptom	Cough	frequency=Sometimes		$S	cough"

case_statements unknown-section \
"$F:2: field section: unknown section 'symptoms' (expected an id of sections.tsv)
ildkg validate: 1 problem found" \
"bad-section	COP	hasSymptom	Cough			symptoms	cough"

case_statements duplicate-id \
"$F:3: field id: duplicate statement id 'twice' (expected a new id; first used at $F:2)
ildkg validate: 1 problem found" \
"twice	COP	hasSymptom	Cough			$S	cough" \
"twice	COP	hasSymptom	Fever			$S	fever"

case_statements malformed-id \
"$F:2: field id: malformed id 'Bad_Id' (expected a letter a-z, then a-z, 0-9, single '-')
ildkg validate: 1 problem found" \
"Bad_Id	COP	hasSymptom	Cough			$S	cough"

case_statements invalid-utf8 \
"$F:2: invalid UTF-8 at byte 57 (expected UTF-8 text)
ildkg validate: 1 problem found" \
"$(printf 'bad-utf8\tCOP\thasSymptom\tCough\t\t\tclinical-features\tcough \377')"

case_statements every-problem-reported \
"$F:2: field references: reference 0 out of range (expected reference numbers 1..49 separated by ',', each once)
$F:3: field subject: unknown entity 'Nobody' (expected an id of entities.tsv)
$F:3: field qualifiers: unknown term 'Sometimes' (expected a term of class FrequencyTerm for frequency)
$F:5: 1 tab-separated fields (expected 8: id ... quote)
ildkg validate: 4 problems found" \
"first-bad	COP	hasSymptom	Cough		0	$S	cough" \
"second-bad	Nobody	hasSymptom	Cough	frequency=Sometimes		$S	cough" \
"fine	COP	hasSymptom	Cough			$S	cough" \
"no tabs at all"

# Problems in the other files name their own file and line.
dir="$scratch/entity-class"
copy_inputs "$dir"
printf 'Widget\tGadget\twidget\t\n' >>"$dir/facts/entities.tsv"
line=$(wc -l <"$dir/facts/entities.tsv")
(cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >/dev/null 2>"$scratch/err"
status=$?
want="facts/entities.tsv:$line: field class: unknown class 'Gadget' (expected a class of the ontology)"
if [ "$status" = 65 ] && [ "$(head -1 "$scratch/err")" = "$want" ]; then
  ok "unknown class in entities.tsv: exit 65 and FILE:LINE"
else
  not_ok "unknown class in entities.tsv: exit 65 and FILE:LINE" "exit $status" "$(cat "$scratch/err")"
fi

dir="$scratch/curie"
copy_inputs "$dir"
printf 'COP\texact\tMONDO:15264\tx\ty\n' >>"$dir/facts/mappings.tsv"
line=$(wc -l <"$dir/facts/mappings.tsv")
(cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >/dev/null 2>"$scratch/err"
want="facts/mappings.tsv:$line: field curie: malformed CURIE 'MONDO:15264' (expected HP:NNNNNNN, MONDO:NNNNNNN, MAXO:NNNNNNN, CHEBI:N, ORPHA:N or OMIM:NNNNNN)"
[ "$(head -1 "$scratch/err")" = "$want" ] && ok "malformed CURIE in mappings.tsv: FILE:LINE" ||
  not_ok "malformed CURIE in mappings.tsv: FILE:LINE" "$(cat "$scratch/err")"

# mapping_case NAME LINE WANT: mappings.tsv with LINE appended; WANT is its first message.
mapping_case() {
  dir="$scratch/$1"
  copy_inputs "$dir"
  printf '%s\n' "$2" >>"$dir/facts/mappings.tsv"
  line=$(wc -l <"$dir/facts/mappings.tsv")
  (cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >/dev/null 2>"$scratch/err"
  [ "$(head -1 "$scratch/err")" = "facts/mappings.tsv:$line: $3" ] && ok "$1: FILE:LINE" ||
    not_ok "$1: FILE:LINE" "$(cat "$scratch/err")"
}
mapping_case repeated-mapping "ILD	exact	MONDO:0015925	interstitial lung disease	again" \
  "field curie: 'MONDO:0015925' repeats an earlier row for ILD (expected one row an entity and external id)"
mapping_case exact-and-close "ILD	close	MONDO:0015925	interstitial lung disease	again" \
  "field curie: 'MONDO:0015925' is both an exact and a close match of ILD (expected one row an entity and external id)"

case_statements share-above-100 \
"$F:2: field qualifiers: bad number or value '100.0000000000000000001' (expected xsd:decimal from 0 to 100 for sharePercent)
ildkg validate: 1 problem found" \
"bad-share	COP	hasSymptom	Cough	sharePercent=100.0000000000000000001	9	$S	cough"

dir="$scratch/review-count"
copy_inputs "$dir"
sed -i 's/^reference_count\t.*/reference_count\t999999999/' "$dir/facts/review.tsv"
expect_status "reference_count 999999999 exits 65 at once" 65 timeout 10 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
grep -q "review.tsv:[0-9]*: field value: bad number '999999999' (expected a whole number of references from 1 to 10000)" "$scratch/err" &&
  ok "... naming FILE:LINE and the field" || not_ok "... naming FILE:LINE and the field" "$(cat "$scratch/err")"

# Inputs that never end or block: refused at once, not read.
dir="$scratch/fifo"
copy_inputs "$dir"
mkfifo "$dir/facts/statements/99-fifo.tsv"
expect_status "a FIFO in facts/statements exits 66 (no hang)" 66 timeout 10 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
grep -q "99-fifo.tsv: cannot open: not a regular file" "$scratch/err" && ok "... naming it" || not_ok "... naming it" "$(cat "$scratch/err")"
dir="$scratch/zero"
copy_inputs "$dir"
rm "$dir/facts/review.tsv" && ln -s /dev/zero "$dir/facts/review.tsv"
expect_status "review.tsv linked to /dev/zero exits 66 at once" 66 timeout 10 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
dir="$scratch/longline"
copy_inputs "$dir"
"$PYTHON3" -c 'import sys; open(sys.argv[1], "a").write("x" * (2 << 20) + "\n")' "$dir/facts/statements/03-clinical-features.tsv"
expect_status "a line longer than 1 MiB exits 65" 65 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
grep -q "03-clinical-features.tsv:[0-9]*: line longer than 1 MiB" "$scratch/err" && ok "... with FILE:LINE" || not_ok "... with FILE:LINE" "$(head -c 300 "$scratch/err")"

dir="$scratch/ontology-syntax"
copy_inputs "$dir"
printf 'ildkg:Broken a owl:Class ;\n' >>"$dir/ontology/ildkg.ttl"
(cd "$dir" && "$ILDKG" validate --facts facts --ontology ontology) >/dev/null 2>"$scratch/err"
status=$?
[ "$status" = 65 ] && grep -q "^ontology/ildkg.ttl:[0-9][0-9]*: Turtle: " "$scratch/err" &&
  ok "a Turtle error in the ontology: exit 65 and FILE:LINE" ||
  not_ok "a Turtle error in the ontology: exit 65 and FILE:LINE" "exit $status" "$(cat "$scratch/err")"

# The shipped facts are valid.
expect_status "the shipped facts are valid" 0 "$ILDKG" validate --facts "$srcdir/facts" \
  --ontology "$srcdir/ontology"
done_testing
