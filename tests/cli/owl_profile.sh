#!/bin/sh
# The ontology and the exports are OWL 2 DL, as OWLAPI's profile checker (Debian
# libowlapi-java) says; and the check can fail: each injected violation is named.
. "$srcdir/tests/cli/lib.sh"

jars=/usr/share/java
if ! command -v javac >/dev/null 2>&1 || [ ! -f "$jars/owlapi-api.jar" ]; then
  echo "1..0 # SKIP javac or OWLAPI absent (Debian packages default-jdk-headless libowlapi-java)"
  exit 0
fi
# owlapi-distribution also lists the Rio parsers, whose rdf4j classes Debian does not ship;
# a parser that fails to load leaves OWLAPI with none, so the parts are named one by one.
cp=
for jar in owlapi-api owlapi-impl owlapi-parsers owlapi-apibinding guava caffeine \
  commons-rdf-api commons-rdf-simple commons-io commons-codec commons-logging jsr305 \
  atinject-jsr330-api slf4j-api hppcrt xz jackson-core jackson-databind jackson-annotations \
  httpclient httpcore; do
  cp="$cp$jars/$jar.jar:"
done
javac -d "$scratch" -cp "$cp" "$srcdir/tests/owl/DlProfileCheck.java" 2>"$scratch/javac" ||
  { not_ok "DlProfileCheck compiles" "$(cat "$scratch/javac")"; done_testing; exit 1; }

profile() {
  java -cp "$cp$scratch" DlProfileCheck "$@" 2>/dev/null
}

for f in ontology/ildkg.ttl exports/cop-ctd-ild.ttl exports/cop-ctd-ild.rdf; do
  out=$(profile "$srcdir/$f")
  case $out in
  *": 0 violations, "*) ok "$f: OWL 2 DL ($(echo "$out" | sed 's/.*: //'))" ;;
  *) not_ok "$f: OWL 2 DL" "$(echo "$out" | head -5)" ;;
  esac
done

(cd "$srcdir" && "$ILDKG" build --format turtle --out "$scratch/fresh" >/dev/null 2>&1)
out=$(profile "$scratch/fresh/cop-ctd-ild.ttl")
case $out in
*": 0 violations, "*) ok "a fresh Turtle export: OWL 2 DL" ;;
*) not_ok "a fresh Turtle export: OWL 2 DL" "$(echo "$out" | head -5)" ;;
esac

# inject NAME EXPECTED TURTLE: the ontology plus TURTLE is not DL, and the report names EXPECTED.
inject() {
  cp "$srcdir/ontology/ildkg.ttl" "$scratch/bad.ttl"
  printf '%s\n' "$3" >>"$scratch/bad.ttl"
  out=$(profile "$scratch/bad.ttl")
  status=$?
  if [ "$status" = 1 ] && echo "$out" | grep -q "$2"; then
    ok "injected $1: reported"
  else
    not_ok "injected $1: reported ($2)" "exit $status" "$(echo "$out" | tail -3)"
  fi
}
inject "rdf:subject as a super-property" UseOfReservedVocabularyForObjectPropertyIRI \
  'ildkg:subject rdfs:subPropertyOf rdf:subject .'
inject "an undeclared class" 'UseOfUndeclaredClass.*example.org/Undeclared' \
  'ildkg:Review rdfs:subClassOf <http://example.org/Undeclared> .'
inject "an object property also a data property" IllegalPunning \
  'ildkg:subject a owl:DatatypeProperty .'
inject "an undeclared annotation property" 'UseOfUndeclaredAnnotationProperty.*example.org/note' \
  'ildkg:Review <http://example.org/note> "x" .'
done_testing
