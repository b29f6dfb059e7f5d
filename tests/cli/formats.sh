#!/bin/sh
# JSON-LD and N-Quads: an independent JSON-LD processor (pyld) and rdflib must find the
# same graph as the Turtle export, on the shipped data and on a fixture of nasty literals.
. "$srcdir/tests/cli/lib.sh"

rdf_check() { "$PYTHON3" "$srcdir/tests/cli/rdf_check.py" "$@"; }
exp="$scratch/exports"
expect_status "build exits 0" 0 "$ILDKG" build --out "$exp"
for dir in "$exp" "$srcdir/exports"; do
  f="$dir/cop-ctd-ild"
  check "pyld expands $f.jsonld to the graph of the Turtle" \
    rdf_check isomorphic "$f.ttl" turtle "$f.jsonld" jsonld
  check "rdflib reads $f.nq as the graph of the Turtle" rdf_check isomorphic "$f.ttl" turtle "$f.nq" nquads
  check "rapper parses $f.nq" "$RAPPER" -q -i nquads -c "$f.nq"
  rdf_check graphs "$f.nq" >"$scratch/graphs" 2>&1
  [ "$(cat "$scratch/graphs")" = "$ILDKG_RELEASE_IRI" ] &&
    ok "$f.nq has exactly one named graph, the release" || not_ok "$f.nq has exactly one named graph, the release" "$(cat "$scratch/graphs")"
done

# VoID: every count in the description is what rdflib counts in the export it describes.
void_check() { "$PYTHON3" "$srcdir/tests/cli/void_check.py" "$@"; }
for dir in "$exp" "$srcdir/exports"; do
  f="$dir/cop-ctd-ild"
  check "$f.void.ttl: the counts and partitions rdflib finds in $f.ttl" \
    void_check "$f.void.ttl" "$f.ttl" turtle https://w3id.org/ildkg/cop-ctd-ild/
done
sed 's/void:entities \([0-9]*\) ;$/void:entities 99999 ;/' "$exp/cop-ctd-ild.void.ttl" >"$scratch/bad.void.ttl"
expect_status "a VoID description with a wrong count is caught by the check" 1 \
  void_check "$scratch/bad.void.ttl" "$exp/cop-ctd-ild.ttl" turtle https://w3id.org/ildkg/cop-ctd-ild/
"$ILDKG" build --out "$scratch/other-base" --format void,ntriples --base https://example.org/kg/ >/dev/null 2>&1
check "another --base: the VoID counts entities under it" \
  void_check "$scratch/other-base/cop-ctd-ild.void.ttl" "$scratch/other-base/cop-ctd-ild.nt" nt https://example.org/kg/

# The context: committed copy up to date, embedded as is, valid on its own.
expect_status "ildkg context exits 0" 0 "$ILDKG" context
check "ontology/context.jsonld is what 'ildkg context' prints (run 'make context')" \
  cmp "$scratch/out" "$srcdir/ontology/context.jsonld"
check "the JSON-LD export embeds exactly ontology/context.jsonld" "$PYTHON3" -c '
import json, sys
doc, ctx = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
sys.exit(doc["@context"] != ctx["@context"])' "$exp/cop-ctd-ild.jsonld" "$srcdir/ontology/context.jsonld"
check "pyld accepts ontology/context.jsonld as a context" "$PYTHON3" -c '
import json, sys
from pyld import jsonld
ctx = json.load(open(sys.argv[1]))
doc = dict(ctx, **{"@id": "kg:COP", "label": "cryptogenic organizing pneumonia",
                   "hasSymptom": "kg:Cough", "sharePercent": "90.0"})
e = jsonld.expand(doc)[0]
K = "https://w3id.org/ildkg/ontology#"
assert e["@id"] == "https://w3id.org/ildkg/cop-ctd-ild/COP", e
assert e["http://www.w3.org/2000/01/rdf-schema#label"] == [{"@value": "cryptogenic organizing pneumonia", "@language": "en"}], e
assert e[K + "hasSymptom"] == [{"@id": "https://w3id.org/ildkg/cop-ctd-ild/Cough"}], e
assert e[K + "sharePercent"] == [{"@value": "90.0", "@type": "http://www.w3.org/2001/XMLSchema#decimal"}], e
' "$srcdir/ontology/context.jsonld"

# Readable and stable: one node object per subject, sorted by @id; sorted keys; 2 spaces.
check "one node object per subject, sorted by @id, keys sorted" "$PYTHON3" -c '
import json, sys
text = open(sys.argv[1]).read()
doc = json.loads(text)
ids = [n["@id"] for n in doc["@graph"]]
assert len(ids) == len(set(ids)), "a subject in two node objects"
full = [i.replace("kg:", "https://w3id.org/ildkg/cop-ctd-ild/") for i in ids]
def keys_sorted(x):
    if isinstance(x, dict):
        return list(x) == sorted(x) and all(keys_sorted(v) for v in x.values())
    if isinstance(x, list):
        return all(keys_sorted(v) for v in x)
    return True
assert keys_sorted(doc), "keys not sorted"
assert text.startswith("{\n  \"@context\": {\n    \""), "not two-space indented"
assert text == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "layout differs"
' "$exp/cop-ctd-ild.jsonld"

# A hosted context instead of the embedded one; and another base IRI.
url=https://example.org/ildkg/context.jsonld
expect_status "--jsonld-context URL exits 0" 0 "$ILDKG" build --out "$scratch/ref" \
  --format turtle,jsonld --jsonld-context "$url" --base https://example.org/kg/
check "the document refers to the URL, with kg: set to --base" "$PYTHON3" -c '
import json, sys
doc = json.load(open(sys.argv[1]))
sys.exit(doc["@context"] != [sys.argv[2], {"kg": "https://example.org/kg/"}])' "$scratch/ref/cop-ctd-ild.jsonld" "$url"
check "with the hosted context, pyld expands it to the Turtle graph of that base" \
  rdf_check isomorphic "$scratch/ref/cop-ctd-ild.ttl" turtle \
  "$scratch/ref/cop-ctd-ild.jsonld" "jsonld=$url=$srcdir/ontology/context.jsonld"
expect_status "a --jsonld-context that is no URL exits 64" 64 "$ILDKG" build --out "$scratch/x" --jsonld-context context.jsonld

# Nasty literals (through the ontology, whose triples are part of the graph).
dir="$scratch/nasty"
copy_inputs "$dir"
cat "$srcdir/tests/data/nasty-literals.ttl" >>"$dir/ontology/ildkg.ttl"
expect_status "build with nasty literals exits 0" 0 "$ILDKG" build --facts "$dir/facts" \
  --ontology "$dir/ontology" --out "$dir/out" --format turtle,ntriples,nquads,jsonld
f="$dir/out/cop-ctd-ild"
check "rapper parses the nasty Turtle" "$RAPPER" -q -i turtle -c "$f.ttl"
check "nasty literals: Turtle, N-Triples, N-Quads and JSON-LD (pyld) are one graph" \
  rdf_check isomorphic "$f.ttl" turtle "$f.nt" nt "$f.nq" nquads "$f.jsonld" jsonld
check "nasty literals survive into the Turtle as written" "$PYTHON3" -c '
import sys, rdflib
g = rdflib.Graph().parse(sys.argv[1], format="turtle")
labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
for want in ["say \"cough\" and '"'"'dyspnea'"'"'", "line one\nline two\r\nline three",
             "emoji \U0001fac1\U0001fa7a and astral \U0001d518\U0001d52b\U0001d526\U0001d520\U0001d52c\U0001d521\U0001d522"]:
    assert want in labels, repr(want)
' "$f.ttl"
# Control characters XML cannot hold are refused where the ontology is read, with FILE:LINE,
# by validate and build alike: no export format is left to refuse or mangle them.
copy_inputs "$dir"
printf 'nasty:controls a owl:Class ; rdfs:label "controls: \\u0007 \\u001F end"@en .\n' |
  cat "$srcdir/tests/data/nasty-literals.ttl" - >>"$dir/ontology/ildkg.ttl"
line=$(wc -l <"$dir/ontology/ildkg.ttl")
for command in validate build; do
  expect_status "a control character in an ontology literal: $command exits 65" 65 "$ILDKG" $command \
    --facts "$dir/facts" --ontology "$dir/ontology" $([ $command = build ] && echo --out "$dir/out")
  grep -q "ontology/ildkg.ttl:$line: a literal holds U+0007 at byte 11" "$scratch/err" &&
    ok "... named with FILE:LINE and the character" || not_ok "... named with FILE:LINE" "$(cat "$scratch/err")"
done

# Control characters in a facts line are refused there.
printf 'bad\tCOP\thasSymptom\tCough\t\t\tclinical-features\tcough\001\n' >>"$dir/facts/statements/03-clinical-features.tsv"
expect_status "a control character in facts exits 65" 65 "$ILDKG" validate --facts "$dir/facts" --ontology "$srcdir/ontology"
grep -q "control character U+0001 at byte 51 (expected text)" "$scratch/err" && ok "it is named with its byte" ||
  not_ok "it is named with its byte" "$(cat "$scratch/err")"

# So are noncharacters (U+FFFE): valid UTF-8 no format should carry; validate and build agree.
copy_inputs "$dir"
printf 'bad\tCOP\thasSymptom\tCough\t\t\tclinical-features\tcough \357\277\276\n' >>"$dir/facts/statements/03-clinical-features.tsv"
expect_status "a noncharacter in facts exits 65 at validate" 65 "$ILDKG" validate --facts "$dir/facts" --ontology "$dir/ontology"
grep -q "03-clinical-features.tsv:[0-9]*: noncharacter U+FFFE at byte 52 (expected text)" "$scratch/err" &&
  ok "it is named with FILE:LINE and its byte" || not_ok "it is named with FILE:LINE and its byte" "$(cat "$scratch/err")"
expect_status "... and at build, with any formats" 65 "$ILDKG" build --facts "$dir/facts" --ontology "$dir/ontology" \
  --out "$dir/nc-out" --format turtle,ntriples
done_testing
