/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "facts.h"
#include "ontology.h"
#include "validator.h"

/* One statements/x.tsv row; line 2 is the first row after the header. */
#define ROW(id, subject, predicate, object, qualifiers, references, section, quote)        \
  id "\t" subject "\t" predicate "\t" object "\t" qualifiers "\t" references "\t" section   \
     "\t" quote "\n"
#define GOOD_ROW                                                                           \
  ROW("cop-cough", "COP", "hasSymptom", "Cough", "frequency=Common", "9,10,11", "intro",    \
      "cough and dyspnea")
#define REFS_EXPECTED "(expected reference numbers 1..49 separated by ',', each once)"

typedef struct {
  char *dir;
  ildkg_diag *diag;
  ontology *onto;
  facts *facts;
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->diag = ildkg_diag_new(32))) {
    return -1;
  }
  ildkg_diag *onto_diag = ildkg_diag_new(8);
  const ildkg_status st = onto_diag ? ontology_load(&fx->onto, UNIT_ONTOLOGY_DIR, onto_diag)
                                    : ILDKG_ERR_NOMEM;
  ildkg_diag_free(onto_diag);
  return st == ILDKG_OK ? 0 : -1;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    facts_free(fx->facts);
    ontology_free(fx->onto);
    ildkg_diag_free(fx->diag);
    unit_free_temp_dir(fx->dir);
    free(fx);
  }
  return 0;
}

static ildkg_status
validate(fixture *fx)
{
  return validator_load_facts(fx->dir, fx->onto, fx->diag, &fx->facts);
}

/* Write the facts (NULL: all defaults) and validate them: the status. */
static ildkg_status
load_facts(fixture *fx, const unit_facts *rows)
{
  if (unit_write_facts(fx->dir, rows) != 0) {
    fail_msg("cannot write facts in %s", fx->dir);
  }
  return validate(fx);
}

/* The default facts with these statement rows, validated. */
static ildkg_status
load_statements(fixture *fx, const char *rows)
{
  const unit_facts f = {NULL, NULL, NULL, NULL, rows};
  return load_facts(fx, &f);
}

/* Assert message @p i is "DIR/" followed by @p rest. */
#define assert_message_at(fx, i, rest)                                                     \
  do {                                                                                     \
    char expected_[2048];                                                                  \
    snprintf(expected_, sizeof expected_, "%s/%s", (fx)->dir, (rest));                     \
    assert_diag_message((fx)->diag, (i), expected_);                                       \
  } while (0)

/* Assert @p rest (after "DIR/") is the one and only message. */
#define assert_only_message(fx, rest)                                                      \
  do {                                                                                     \
    assert_message_at((fx), 0, (rest));                                                    \
    assert_int_equal(ildkg_diag_count((fx)->diag), 1);                                     \
  } while (0)

/* Validate one statement row that must give exactly one message (and no statement). */
#define assert_row_refused(state_fx, row, rest)                                            \
  do {                                                                                     \
    fixture *const fx_ = (state_fx);                                                       \
    assert_int_equal(load_statements(fx_, (row)), ILDKG_OK);                               \
    assert_only_message(fx_, (rest));                                                      \
    assert_int_equal(facts_statement_count(fx_->facts), 0);                                \
  } while (0)

/* ---- valid facts ------------------------------------------------------------------ */

static void
valid_facts_load_without_errors(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_facts(fx, NULL), ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_non_null(fx->facts);
  const fact_review *r = facts_review_const(fx->facts);
  assert_string_equal(r->label, "Test review");
  assert_int_equal(r->reference_count, 49);
  assert_int_equal(facts_section_count(fx->facts), 2);
  assert_int_equal(facts_entity_count(fx->facts), 6);
  assert_int_equal(facts_mapping_count(fx->facts), 2);
  assert_int_equal(facts_statement_count(fx->facts), 1);
}

static void
valid_statement_is_stored_with_its_parts(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_facts(fx, NULL), ILDKG_OK);
  const fact_statement *s = facts_find_statement(fx->facts, "cop-cough");
  assert_non_null(s);
  assert_string_equal(s->subject, "COP");
  assert_string_equal(s->predicate, "hasSymptom");
  assert_string_equal(s->object, "Cough");
  assert_string_equal(s->section, "intro");
  assert_string_equal(s->quote, "cough and dyspnea");
  assert_int_equal(s->nqualifiers, 1);
  assert_string_equal(s->qualifiers[0].property, "frequency");
  assert_string_equal(s->qualifiers[0].value, "Common");
  assert_int_equal(s->qualifiers[0].kind, VALUE_TERM);
  assert_int_equal(s->nreferences, 3);
  assert_int_equal(s->references[0], 9);
  assert_int_equal(s->references[1], 10);
  assert_int_equal(s->references[2], 11);
  char *file = unit_path(fx->dir, "statements/x.tsv");
  assert_string_equal(s->file, file);
  free(file);
  assert_int_equal(s->line, 2);
}

static void
valid_entity_keeps_its_alt_labels(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_facts(fx, NULL), ILDKG_OK);
  const fact_entity *e = facts_find_entity(fx->facts, "Cough");
  assert_non_null(e);
  assert_string_equal(e->cls, "Symptom");
  assert_int_equal(e->nalt_labels, 2);
  assert_string_equal(e->alt_labels[0], "dry cough");
  assert_string_equal(e->alt_labels[1], "tussis");
}

static void
valid_section_and_mapping_are_stored(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_facts(fx, NULL), ILDKG_OK);
  const fact_section *s = facts_find_section(fx->facts, "table-1");
  assert_non_null(s);
  assert_string_equal(s->cls, "Table");
  assert_int_equal(s->order, 2);
  assert_string_equal(s->part_of, "intro");
  assert_null(facts_find_section(fx->facts, "intro")->part_of);
  const fact_mapping *m = facts_mapping_at(fx->facts, 1);
  assert_string_equal(m->entity, "COP");
  assert_false(m->exact);
  assert_string_equal(m->curie, "MONDO:0015264");
}

static void
typed_qualifiers_get_their_kind(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("p", "COP", "hasRadiologicalFinding",
                                           "PatchyConsolidation",
                                           "observedWith=HRCT; sharePercent=100; "
                                           "isApproximate=true",
                                           "", "table-1", "in 90% of patients")),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  const fact_statement *s = facts_find_statement(fx->facts, "p");
  assert_non_null(s);
  assert_int_equal(s->nqualifiers, 3);
  assert_int_equal(s->qualifiers[0].kind, VALUE_ENTITY);
  assert_int_equal(s->qualifiers[1].kind, VALUE_DECIMAL);
  assert_string_equal(s->qualifiers[1].value, "100");
  assert_int_equal(s->qualifiers[2].kind, VALUE_BOOLEAN);
}

static void
no_references_is_the_reviews_own_claim(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("own", "COP", "subtypeOf", "ILD", "", "", "intro",
                                           "a subtype of ILD")),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_int_equal(facts_find_statement(fx->facts, "own")->nreferences, 0);
}

static void
repeatable_qualifier_takes_several_values(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("p", "COP", "hasRadiologicalFinding",
                                           "PatchyConsolidation",
                                           "observedWith=HRCT; observedWith=BloodTests", "",
                                           "table-1", "q")),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_int_equal(facts_find_statement(fx->facts, "p")->nqualifiers, 2);
}

static void
statement_qualifier_may_point_at_an_earlier_statement(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, GOOD_ROW ROW("as-above", "ILD", "hasSymptom", "Cough",
                                                    "resolvedFrom=cop-cough", "", "table-1",
                                                    "As Above")),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  const fact_statement *s = facts_find_statement(fx->facts, "as-above");
  assert_non_null(s);
  assert_int_equal(s->qualifiers[0].kind, VALUE_STATEMENT);
  assert_string_equal(s->qualifiers[0].value, "cop-cough");
}

/* ---- statements: one problem each -------------------------------------------------- */

static void
unknown_subject_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "Nope", "hasSymptom", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field subject: unknown entity 'Nope' (expected an id "
                     "of entities.tsv)");
}

static void
empty_subject_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "", "hasSymptom", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field subject: empty (expected a value)");
}

static void
unknown_predicate_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasNothing", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field predicate: unknown predicate 'hasNothing' "
                     "(expected a property of the ontology with an ildkg:statementClass)");
}

static void
qualifier_is_not_a_predicate(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "frequency", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field predicate: unknown predicate 'frequency' "
                     "(expected a property of the ontology with an ildkg:statementClass)");
}

static void
wrong_column_count_is_reported(void **state)
{
  assert_row_refused(*state, "s1\tCOP\thasSymptom\tCough\t\t9\tintro\n",
                     "statements/x.tsv:2: 7 tab-separated fields (expected 8: id ... quote)");
}

static void
empty_quote_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "9", "intro", ""),
                     "statements/x.tsv:2: field quote: empty (expected a value)");
}

static void
reference_past_the_count_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "9,50", "intro", "q"),
                     "statements/x.tsv:2: field references: reference 50 out of range "
                     REFS_EXPECTED);
}

static void
reference_zero_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "0", "intro", "q"),
                     "statements/x.tsv:2: field references: reference 0 out of range "
                     REFS_EXPECTED);
}

static void
malformed_reference_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "[9]", "intro", "q"),
                     "statements/x.tsv:2: field references: malformed reference '[9]' "
                     REFS_EXPECTED);
}

static void
repeated_reference_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "9,10,9", "intro", "q"),
                     "statements/x.tsv:2: field references: reference 9 repeated "
                     REFS_EXPECTED);
}

static void
malformed_statement_id_is_reported(void **state)
{
  assert_row_refused(*state, ROW("Cop--x", "COP", "hasSymptom", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field id: malformed id 'Cop--x' (expected a letter "
                     "a-z, then a-z, 0-9, single '-')");
}

static void
duplicate_statement_id_names_its_first_use(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, GOOD_ROW ROW("cop-cough", "COP", "hasSymptom", "Cough", "",
                                                    "9", "intro", "q")),
                   ILDKG_OK);
  char rest[1024];
  snprintf(rest, sizeof rest,
           "statements/x.tsv:3: field id: duplicate statement id 'cop-cough' (expected a new "
           "id; first used at %s/statements/x.tsv:2)",
           fx->dir);
  assert_only_message(fx, rest);
  assert_int_equal(facts_statement_count(fx->facts), 1);
}

static void
duplicate_statement_id_across_files_names_the_other_file(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_write_facts(fx->dir, NULL), 0);
  assert_int_equal(unit_write_file(fx->dir, "statements/a.tsv", UNIT_STATEMENT_HEADER GOOD_ROW),
                   0);
  assert_int_equal(validate(fx), ILDKG_OK);
  char rest[1024];
  snprintf(rest, sizeof rest,
           "statements/x.tsv:2: field id: duplicate statement id 'cop-cough' (expected a new "
           "id; first used at %s/statements/a.tsv:2)",
           fx->dir);
  assert_only_message(fx, rest);
}

static void
bad_decimal_qualifier_is_reported(void **state)
{
  assert_row_refused(*state,
                     ROW("s1", "COP", "hasRadiologicalFinding", "PatchyConsolidation",
                         "sharePercent=1,5", "", "table-1", "q"),
                     "statements/x.tsv:2: field qualifiers: bad number or value '1,5' (expected "
                     "xsd:decimal from 0 to 100 for sharePercent)");
}

static void
percent_over_100_is_reported(void **state)
{
  assert_row_refused(*state,
                     ROW("s1", "COP", "hasRadiologicalFinding", "PatchyConsolidation",
                         "sharePercent=100.5", "", "table-1", "q"),
                     "statements/x.tsv:2: field qualifiers: bad number or value '100.5' "
                     "(expected xsd:decimal from 0 to 100 for sharePercent)");
}

static void
negative_percent_is_reported(void **state)
{
  assert_row_refused(*state,
                     ROW("s1", "COP", "hasRadiologicalFinding", "PatchyConsolidation",
                         "sharePercent=-1", "", "table-1", "q"),
                     "statements/x.tsv:2: field qualifiers: bad number or value '-1' "
                     "(expected xsd:decimal from 0 to 100 for sharePercent)");
}

static void
bad_boolean_qualifier_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "negated=yes", "9", "intro",
                                 "q"),
                     "statements/x.tsv:2: field qualifiers: bad number or value 'yes' (expected "
                     "xsd:boolean for negated)");
}

static void
unknown_qualifier_key_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "color=Red", "9", "intro",
                                 "q"),
                     "statements/x.tsv:2: field qualifiers: unknown qualifier 'color' (expected "
                     "a sub-property of ildkg:objectQualifier or ildkg:dataQualifier)");
}

static void
structural_property_is_not_a_qualifier(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "inSection=intro", "9",
                                 "intro", "q"),
                     "statements/x.tsv:2: field qualifiers: unknown qualifier 'inSection' "
                     "(expected a sub-property of ildkg:objectQualifier or ildkg:dataQualifier)");
}

static void
qualifier_without_value_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "frequency", "9", "intro",
                                 "q"),
                     "statements/x.tsv:2: field qualifiers: malformed qualifier 'frequency' "
                     "(expected key=value pairs separated by ';')");
}

static void
unknown_controlled_term_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "frequency=Sometimes", "9",
                                 "intro", "q"),
                     "statements/x.tsv:2: field qualifiers: unknown term 'Sometimes' (expected a "
                     "term of class FrequencyTerm for frequency)");
}

static void
term_of_another_class_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "frequency=SubacuteOnset",
                                 "9", "intro", "q"),
                     "statements/x.tsv:2: field qualifiers: unknown term 'SubacuteOnset' "
                     "(expected a term of class FrequencyTerm for frequency)");
}

static void
second_value_of_a_functional_qualifier_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough",
                                 "frequency=Common; frequency=Rare", "9", "intro", "q"),
                     "statements/x.tsv:2: field qualifiers: second value for 'frequency' "
                     "(expected one value: the property is functional)");
}

static void
repeated_qualifier_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasRadiologicalFinding", "PatchyConsolidation",
                                 "observedWith=HRCT; observedWith=HRCT", "", "table-1", "q"),
                     "statements/x.tsv:2: field qualifiers: repeated qualifier 'observedWith' "
                     "(expected each key=value once)");
}

static void
object_of_the_wrong_class_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "ILD", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field object: 'ILD' is a Disease (expected a "
                     "ClinicalFeature for hasSymptom)");
}

static void
subject_of_the_wrong_class_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "Cough", "hasSymptom", "Cough", "", "9", "intro", "q"),
                     "statements/x.tsv:2: field subject: 'Cough' is a Symptom (expected a "
                     "Disease for hasSymptom)");
}

static void
qualifier_entity_of_the_wrong_class_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasRadiologicalFinding", "PatchyConsolidation",
                                 "observedWith=Cough", "", "table-1", "q"),
                     "statements/x.tsv:2: field qualifiers: 'Cough' is a Symptom (expected a "
                     "Procedure for observedWith)");
}

static void
unknown_section_is_reported(void **state)
{
  assert_row_refused(*state, ROW("s1", "COP", "hasSymptom", "Cough", "", "9", "nowhere", "q"),
                     "statements/x.tsv:2: field section: unknown section 'nowhere' (expected an "
                     "id of sections.tsv)");
}

static void
statement_qualifier_to_an_unknown_statement_is_reported(void **state)
{
  /* Known only once every file is read: reported then, at the row that names it. */
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("s1", "COP", "hasSymptom", "Cough", "resolvedFrom=nope",
                                           "", "intro", "q")),
                   ILDKG_OK);
  assert_only_message(fx, "statements/x.tsv:2: field qualifiers: unknown statement 'nope' "
                          "(expected the id of a statement in statements/*.tsv, for resolvedFrom)");
}

/* Lines may come in any order: a statement may name one read after it. */
static void
statement_qualifier_to_a_later_statement_is_accepted(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("as-above", "ILD", "hasSymptom", "Cough",
                                           "resolvedFrom=cop-cough", "", "table-1", "As Above")
                                         GOOD_ROW),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_int_equal(facts_statement_count(fx->facts), 2);
}

/* ---- the other files ------------------------------------------------------------------ */

static void
unknown_entity_class_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, "Foo\tNonsense\tfoo\t\n" UNIT_ENTITY_ROWS, NULL, NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "entities.tsv:2: field class: unknown class 'Nonsense' (expected a "
                          "class of the ontology)");
  assert_null(facts_find_entity(fx->facts, "Foo"));
}

static void
entity_class_outside_clinical_entity_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, "Foo\tSection\tfoo\t\n" UNIT_ENTITY_ROWS, NULL, NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "entities.tsv:2: field class: class 'Section' does not fit here "
                          "(expected a subclass of ClinicalEntity)");
}

static void
malformed_entity_id_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, "foo\tSymptom\tfoo\t\n" UNIT_ENTITY_ROWS, NULL, NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "entities.tsv:2: field id: malformed id 'foo' (expected a letter "
                          "A-Z, then letters, digits, single '-')");
}

static void
duplicate_entity_id_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, UNIT_ENTITY_ROWS "Cough\tSymptom\tcough again\t\n", NULL,
                        NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "entities.tsv:8: field id: duplicate entity id 'Cough' (expected a "
                          "new id)");
}

static void
malformed_curie_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, NULL, "Cough\texact\tHP:12345\tCough\tfixture\n", NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "mappings.tsv:2: field curie: malformed CURIE 'HP:12345' (expected "
                          "HP:NNNNNNN, MONDO:NNNNNNN, MAXO:NNNNNNN, CHEBI:N, ORPHA:N or "
                          "OMIM:NNNNNN)");
  assert_int_equal(facts_mapping_count(fx->facts), 0);
}

static void
curie_of_another_scheme_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, NULL, "Cough\texact\tGO:0000001\tCough\tfixture\n", NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "mappings.tsv:2: field curie: malformed CURIE 'GO:0000001' (expected "
                          "HP:NNNNNNN, MONDO:NNNNNNN, MAXO:NNNNNNN, CHEBI:N, ORPHA:N or "
                          "OMIM:NNNNNN)");
}

static void
mapping_to_an_unknown_entity_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, NULL, NULL, "Nope\tclose\tHP:0012735\tCough\tfixture\n", NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "mappings.tsv:2: field entity: unknown entity 'Nope' (expected an id "
                          "of entities.tsv)");
}

static void
section_part_of_a_later_section_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {NULL, "early\tSection\t0\tEarly\tintro\n" UNIT_SECTION_ROWS, NULL, NULL,
                        NULL};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "sections.tsv:2: field part_of: unknown section 'intro' (expected a "
                          "section defined above, or empty for the review)");
  assert_null(facts_find_section(fx->facts, "early"));
}

static void
missing_review_key_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {"label\tTest review\n", NULL, NULL, NULL,
                        ROW("own", "COP", "subtypeOf", "ILD", "", "", "intro", "q")};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "review.tsv: field key: missing key 'reference_count' (expected it "
                          "once)");
}

static void
zero_reference_count_is_reported(void **state)
{
  fixture *fx = *state;
  const unit_facts f = {"label\tTest review\nreference_count\t0\n", NULL, NULL, NULL,
                        ROW("own", "COP", "subtypeOf", "ILD", "", "", "intro", "q")};
  assert_int_equal(load_facts(fx, &f), ILDKG_OK);
  assert_only_message(fx, "review.tsv:3: field value: bad number '0' (expected a whole number "
                          "of references from 1 to 10000)");
}

/* ---- all problems, and missing input ---------------------------------------------------- */

static void
every_bad_line_of_a_file_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("s1", "Nope", "hasSymptom", "Cough", "", "9", "intro",
                                           "q") GOOD_ROW
                                     ROW("s3", "COP", "hasSymptom", "Cough", "", "9", "intro",
                                         "")),
                   ILDKG_OK);
  assert_message_at(fx, 0, "statements/x.tsv:2: field subject: unknown entity 'Nope' (expected "
                           "an id of entities.tsv)");
  assert_message_at(fx, 1, "statements/x.tsv:4: field quote: empty (expected a value)");
  assert_int_equal(ildkg_diag_count(fx->diag), 2);
  assert_int_equal(facts_statement_count(fx->facts), 1);
}

static void
every_problem_of_a_line_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_statements(fx, ROW("s1", "Nope", "hasSymptom", "Cough", "", "50",
                                           "nowhere", "q")),
                   ILDKG_OK);
  assert_message_at(fx, 0, "statements/x.tsv:2: field subject: unknown entity 'Nope' (expected "
                           "an id of entities.tsv)");
  assert_message_at(fx, 1, "statements/x.tsv:2: field references: reference 50 out of range "
                           REFS_EXPECTED);
  assert_message_at(fx, 2, "statements/x.tsv:2: field section: unknown section 'nowhere' "
                           "(expected an id of sections.tsv)");
  assert_int_equal(ildkg_diag_count(fx->diag), 3);
}

static void
bad_header_skips_only_its_file(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_write_facts(fx->dir, NULL), 0);
  assert_int_equal(unit_write_file(fx->dir, "mappings.tsv",
                                   "entity\tmatch\tcurie\tlabel\tchecked_in\n"), 0);
  assert_int_equal(unit_write_file(fx->dir, "statements/x.tsv",
                                   UNIT_STATEMENT_HEADER ROW("s1", "COP", "hasSymptom", "Cough",
                                                             "", "9", "nowhere", "q")),
                   0);
  assert_int_equal(validate(fx), ILDKG_OK);
  assert_message_at(fx, 0, "mappings.tsv:1: field external_label: header does not match "
                           "(expected column 4 to be 'external_label', and 5 columns in all)");
  assert_message_at(fx, 1, "statements/x.tsv:2: field section: unknown section 'nowhere' "
                           "(expected an id of sections.tsv)");
  assert_int_equal(ildkg_diag_count(fx->diag), 2);
}

static void
missing_facts_directory_is_noinput(void **state)
{
  fixture *fx = *state;
  char *absent = unit_path(fx->dir, "absent");
  facts *f = (facts *)&f; /* must be reset to NULL */
  const ildkg_status st = validator_load_facts(absent, fx->onto, fx->diag, &f);
  free(absent);
  assert_int_equal(st, ILDKG_ERR_NOINPUT);
  assert_null(f);
  char rest[256];
  snprintf(rest, sizeof rest, "absent/review.tsv: cannot open: %s", strerror(ENOENT));
  assert_only_message(fx, rest);
}

static void
missing_statements_directory_is_noinput(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_write_facts(fx->dir, NULL), 0);
  char *statements = unit_path(fx->dir, "statements");
  assert_int_equal(unit_remove_tree(statements), 0);
  free(statements);
  assert_int_equal(validate(fx), ILDKG_ERR_NOINPUT);
  assert_null(fx->facts);
  char rest[256];
  snprintf(rest, sizeof rest, "statements: cannot open directory: %s", strerror(ENOENT));
  assert_only_message(fx, rest);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(valid_facts_load_without_errors),
    TEST(valid_statement_is_stored_with_its_parts),
    TEST(valid_entity_keeps_its_alt_labels),
    TEST(valid_section_and_mapping_are_stored),
    TEST(typed_qualifiers_get_their_kind),
    TEST(no_references_is_the_reviews_own_claim),
    TEST(repeatable_qualifier_takes_several_values),
    TEST(statement_qualifier_may_point_at_an_earlier_statement),
    TEST(unknown_subject_is_reported),
    TEST(empty_subject_is_reported),
    TEST(unknown_predicate_is_reported),
    TEST(qualifier_is_not_a_predicate),
    TEST(wrong_column_count_is_reported),
    TEST(empty_quote_is_reported),
    TEST(reference_past_the_count_is_reported),
    TEST(reference_zero_is_reported),
    TEST(malformed_reference_is_reported),
    TEST(repeated_reference_is_reported),
    TEST(malformed_statement_id_is_reported),
    TEST(duplicate_statement_id_names_its_first_use),
    TEST(duplicate_statement_id_across_files_names_the_other_file),
    TEST(bad_decimal_qualifier_is_reported),
    TEST(percent_over_100_is_reported),
    TEST(negative_percent_is_reported),
    TEST(bad_boolean_qualifier_is_reported),
    TEST(unknown_qualifier_key_is_reported),
    TEST(structural_property_is_not_a_qualifier),
    TEST(qualifier_without_value_is_reported),
    TEST(unknown_controlled_term_is_reported),
    TEST(term_of_another_class_is_reported),
    TEST(second_value_of_a_functional_qualifier_is_reported),
    TEST(repeated_qualifier_is_reported),
    TEST(object_of_the_wrong_class_is_reported),
    TEST(subject_of_the_wrong_class_is_reported),
    TEST(qualifier_entity_of_the_wrong_class_is_reported),
    TEST(unknown_section_is_reported),
    TEST(statement_qualifier_to_an_unknown_statement_is_reported),
    TEST(statement_qualifier_to_a_later_statement_is_accepted),
    TEST(unknown_entity_class_is_reported),
    TEST(entity_class_outside_clinical_entity_is_reported),
    TEST(malformed_entity_id_is_reported),
    TEST(duplicate_entity_id_is_reported),
    TEST(malformed_curie_is_reported),
    TEST(curie_of_another_scheme_is_reported),
    TEST(mapping_to_an_unknown_entity_is_reported),
    TEST(section_part_of_a_later_section_is_reported),
    TEST(missing_review_key_is_reported),
    TEST(zero_reference_count_is_reported),
    TEST(every_bad_line_of_a_file_is_reported),
    TEST(every_problem_of_a_line_is_reported),
    TEST(bad_header_skips_only_its_file),
    TEST(missing_facts_directory_is_noinput),
    TEST(missing_statements_directory_is_noinput),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
