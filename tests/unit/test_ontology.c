/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "ns.h"
#include "ontology.h"

#define PREFIXES                                                                           \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"                         \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"                              \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"                                      \
  "@prefix ildkg: <https://w3id.org/ildkg/ontology#> .\n"
#define HEADER "<https://w3id.org/ildkg/ontology> a owl:Ontology .\n"

typedef struct {
  char *dir; /* a temporary ontology directory, or NULL */
  ildkg_diag *diag;
  ontology *onto;
} fixture;

static int
setup_empty(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  return fx && (fx->diag = ildkg_diag_new(16)) ? 0 : -1;
}

/* The project's ontology, loaded. */
static int
setup_real(void **state)
{
  if (setup_empty(state) != 0) {
    return -1;
  }
  fixture *fx = *state;
  return ontology_load(&fx->onto, UNIT_ONTOLOGY_DIR, fx->diag) == ILDKG_OK ? 0 : -1;
}

/* An empty temporary directory to write small ontologies in. */
static int
setup_temp(void **state)
{
  if (setup_empty(state) != 0) {
    return -1;
  }
  fixture *fx = *state;
  return (fx->dir = unit_temp_dir()) ? 0 : -1;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    ontology_free(fx->onto);
    ildkg_diag_free(fx->diag);
    unit_free_temp_dir(fx->dir);
    free(fx);
  }
  return 0;
}

/* Write one file of the temporary ontology and load the directory. */
static ildkg_status
load_one(fixture *fx, const char *name, const char *turtle)
{
  if (unit_write_file(fx->dir, name, turtle) != 0) {
    fail_msg("cannot write %s/%s", fx->dir, name);
  }
  return ontology_load(&fx->onto, fx->dir, fx->diag);
}

/* Assert message @p i is "DIR" followed by @p rest. */
#define assert_message_at(fx, i, rest)                                                     \
  do {                                                                                     \
    char expected_[1024];                                                                  \
    snprintf(expected_, sizeof expected_, "%s%s", (fx)->dir, (rest));                      \
    assert_diag_message((fx)->diag, (i), expected_);                                       \
  } while (0)

/* ---- the real ontology ------------------------------------------------------ */

static void
real_ontology_loads_without_errors(void **state)
{
  fixture *fx = *state;
  assert_non_null(fx->onto);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_true(ontology_triple_count(fx->onto) > 100);
  assert_null(ontology_triple_at(fx->onto, ontology_triple_count(fx->onto)));
}

static void
triples_keep_the_header_and_have_no_blank_nodes(void **state)
{
  fixture *fx = *state;
  int header = 0;
  for (size_t i = 0; i < ontology_triple_count(fx->onto); ++i) {
    const ildkg_triple *t = ontology_triple_at(fx->onto, i);
    assert_non_null(t);
    assert_int_equal(t->s.kind, TERM_IRI);
    assert_int_equal(t->p.kind, TERM_IRI);
    assert_non_null(t->o.value);
    header |= !strcmp(t->s.value, ILDKG_ONTOLOGY_IRI) && !strcmp(t->p.value, NS_RDF "type") &&
              !strcmp(t->o.value, NS_OWL "Ontology");
  }
  assert_true(header);
}

static void
literal_terms_keep_language_and_datatype(void **state)
{
  fixture *fx = *state;
  int tagged = 0, plain_unit = 0;
  for (size_t i = 0; i < ontology_triple_count(fx->onto); ++i) {
    const ildkg_triple *t = ontology_triple_at(fx->onto, i);
    if (!strcmp(t->s.value, NS_ILDKG "Symptom") && !strcmp(t->p.value, NS_RDFS "label")) {
      tagged = t->o.kind == TERM_LITERAL && !strcmp(t->o.value, "symptom") && t->o.lang &&
               !strcmp(t->o.lang, "en") && !t->o.datatype;
    }
    if (!strcmp(t->s.value, NS_ILDKG "sharePercent") && !strcmp(t->p.value, NS_ILDKG "unit")) {
      plain_unit = t->o.kind == TERM_LITERAL && !strcmp(t->o.value, "%") && !t->o.lang;
    }
  }
  assert_true(tagged);
  assert_true(plain_unit);
}

static void
classes_are_known(void **state)
{
  fixture *fx = *state;
  assert_true(ontology_is_class(fx->onto, "Symptom"));
  assert_true(ontology_is_class(fx->onto, "FrequencyTerm"));
  assert_false(ontology_is_class(fx->onto, "hasSymptom"));
  assert_false(ontology_is_class(fx->onto, "Common"));
  assert_false(ontology_is_class(fx->onto, "Nope"));
}

static void
class_is_a_is_transitive(void **state)
{
  fixture *fx = *state;
  assert_true(ontology_class_is_a(fx->onto, "Symptom", "ClinicalFeature"));
  assert_true(ontology_class_is_a(fx->onto, "Symptom", "ClinicalEntity"));
  assert_true(ontology_class_is_a(fx->onto, "ConnectiveTissueDisease", "ClinicalEntity"));
  assert_true(ontology_class_is_a(fx->onto, "SymptomStatement", "Statement"));
}

static void
class_is_a_includes_the_class_itself(void **state)
{
  fixture *fx = *state;
  assert_true(ontology_class_is_a(fx->onto, "Symptom", "Symptom"));
}

static void
class_is_a_does_not_go_down_or_sideways(void **state)
{
  fixture *fx = *state;
  assert_false(ontology_class_is_a(fx->onto, "ClinicalEntity", "Symptom"));
  assert_false(ontology_class_is_a(fx->onto, "Symptom", "Disease"));
  assert_false(ontology_class_is_a(fx->onto, "Section", "ClinicalEntity"));
  assert_false(ontology_class_is_a(fx->onto, "Nope", "ClinicalEntity"));
}

static void
ancestors_start_with_the_class(void **state)
{
  fixture *fx = *state;
  size_t n = 0;
  const char *const *out = ontology_class_ancestors(fx->onto, "ConnectiveTissueDisease", &n);
  assert_int_equal(n, 3);
  assert_string_equal(out[0], "ConnectiveTissueDisease");
  assert_string_equal(out[1], "Disease");
  assert_string_equal(out[2], "ClinicalEntity");
}

static void
ancestors_leave_out_other_vocabularies(void **state)
{
  fixture *fx = *state;
  size_t n = 0;
  /* SymptomStatement < Statement < prov:Entity; Review < fabio:ReviewArticle */
  const char *const *out = ontology_class_ancestors(fx->onto, "SymptomStatement", &n);
  assert_int_equal(n, 2);
  assert_string_equal(out[0], "SymptomStatement");
  assert_string_equal(out[1], "Statement");
  out = ontology_class_ancestors(fx->onto, "Review", &n);
  assert_int_equal(n, 1);
  assert_string_equal(out[0], "Review");
}

static void
ancestors_of_an_unknown_class_are_none(void **state)
{
  fixture *fx = *state;
  size_t n = 1;
  assert_null(ontology_class_ancestors(fx->onto, "Nope", &n));
  assert_int_equal(n, 0);
  n = 1;
  assert_null(ontology_class_ancestors(fx->onto, "Common", &n));
  assert_int_equal(n, 0);
}

static void
claim_property_has_its_statement_class(void **state)
{
  fixture *fx = *state;
  const ontology_property *p = ontology_property_get(fx->onto, "hasSymptom");
  assert_non_null(p);
  assert_string_equal(p->local, "hasSymptom");
  assert_int_equal(p->role, PROPERTY_CLAIM);
  assert_false(p->is_datatype);
  assert_string_equal(p->statement_class, "SymptomStatement");
  assert_string_equal(p->domain, "Disease");
  assert_string_equal(p->range, "ClinicalFeature");
}

static void
object_qualifier_has_its_range(void **state)
{
  fixture *fx = *state;
  const ontology_property *p = ontology_property_get(fx->onto, "frequency");
  assert_non_null(p);
  assert_int_equal(p->role, PROPERTY_QUALIFIER);
  assert_false(p->is_datatype);
  assert_true(p->is_functional);
  assert_string_equal(p->range, "FrequencyTerm");
  assert_null(p->statement_class);
  assert_null(p->unit);
}

static void
repeatable_qualifier_is_not_functional(void **state)
{
  fixture *fx = *state;
  const ontology_property *p = ontology_property_get(fx->onto, "observedWith");
  assert_non_null(p);
  assert_int_equal(p->role, PROPERTY_QUALIFIER);
  assert_false(p->is_functional);
  assert_string_equal(p->range, "Procedure");
}

static void
data_qualifier_has_datatype_and_unit(void **state)
{
  fixture *fx = *state;
  const ontology_property *p = ontology_property_get(fx->onto, "sharePercent");
  assert_non_null(p);
  assert_int_equal(p->role, PROPERTY_QUALIFIER);
  assert_true(p->is_datatype);
  assert_true(p->is_functional);
  assert_string_equal(p->range, "decimal");
  assert_non_null(p->unit);
  assert_string_equal(p->unit, "%");
}

static void
structural_property_is_other(void **state)
{
  fixture *fx = *state;
  const ontology_property *p = ontology_property_get(fx->onto, "inSection");
  assert_non_null(p);
  assert_int_equal(p->role, PROPERTY_OTHER);
  assert_string_equal(p->range, "ReviewPart");
  p = ontology_property_get(fx->onto, "objectQualifier");
  assert_non_null(p);
  assert_int_equal(p->role, PROPERTY_OTHER);
}

static void
unknown_property_is_null(void **state)
{
  fixture *fx = *state;
  assert_null(ontology_property_get(fx->onto, "hasNothing"));
  assert_null(ontology_property_get(fx->onto, "Symptom"));
  assert_null(ontology_property_get(fx->onto, ""));
}

static void
individual_has_its_class(void **state)
{
  fixture *fx = *state;
  const char *cls = ontology_individual_class(fx->onto, "Common");
  assert_non_null(cls);
  assert_string_equal(cls, "FrequencyTerm");
  cls = ontology_individual_class(fx->onto, "SubacuteOnset");
  assert_non_null(cls);
  assert_string_equal(cls, "OnsetTerm");
}

static void
non_individual_has_no_class(void **state)
{
  fixture *fx = *state;
  assert_null(ontology_individual_class(fx->onto, "FrequencyTerm"));
  assert_null(ontology_individual_class(fx->onto, "hasSymptom"));
  assert_null(ontology_individual_class(fx->onto, "Sometimes"));
}

/* ---- small ontologies --------------------------------------------------------- */

static void
minimal_ontology_loads(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "mini.ttl", UNIT_MINI_ONTOLOGY), ILDKG_OK);
  assert_non_null(fx->onto);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_int_equal(ontology_triple_count(fx->onto), 2);
  assert_true(ontology_is_class(fx->onto, "Thing"));
}

static void
ancestors_through_a_diamond_are_listed_once(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "diamond.ttl",
                            PREFIXES HEADER
                            "ildkg:A a owl:Class .\n"
                            "ildkg:B a owl:Class ; rdfs:subClassOf ildkg:A .\n"
                            "ildkg:C a owl:Class ; rdfs:subClassOf ildkg:A .\n"
                            "ildkg:D a owl:Class ; rdfs:subClassOf ildkg:B , ildkg:C .\n"),
                   ILDKG_OK);
  size_t n = 0;
  const char *const *out = ontology_class_ancestors(fx->onto, "D", &n);
  assert_int_equal(n, 4);
  assert_string_equal(out[0], "D");
  int seen[3] = {0, 0, 0}; /* A, B, C */
  for (size_t i = 1; i < n; ++i) {
    assert_in_range(out[i][0], 'A', 'C');
    assert_int_equal(strlen(out[i]), 1);
    ++seen[out[i][0] - 'A'];
  }
  assert_int_equal(seen[0], 1);
  assert_int_equal(seen[1], 1);
  assert_int_equal(seen[2], 1);
  assert_true(ontology_class_is_a(fx->onto, "D", "A"));
}

/* Neither many superclasses nor a deep chain nor a cycle loses or repeats an ancestor
   (8 parents and 32 levels were once kept, the rest dropped in silence). */
static void
ancestors_have_no_limit(void **state)
{
  fixture *fx = *state;
  enum { PARENTS = 40, DEPTH = 100 };
  char *ttl = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&ttl, &size);
  assert_non_null(f);
  fputs(PREFIXES HEADER "ildkg:Wide a owl:Class .\n", f);
  for (int i = 0; i < PARENTS; ++i) {
    fprintf(f, "ildkg:P%d a owl:Class . ildkg:Wide rdfs:subClassOf ildkg:P%d .\n", i, i);
  }
  for (int i = 0; i <= DEPTH; ++i) {
    fprintf(f, "ildkg:L%d a owl:Class .\n", i);
  }
  for (int i = 0; i < DEPTH; ++i) {
    fprintf(f, "ildkg:L%d rdfs:subClassOf ildkg:L%d .\n", i, i + 1);
  }
  fprintf(f, "ildkg:L%d rdfs:subClassOf ildkg:L0 .\n", DEPTH); /* a cycle */
  assert_int_equal(fclose(f), 0);
  assert_int_equal(load_one(fx, "wide.ttl", ttl), ILDKG_OK);
  free(ttl);
  size_t n = 0;
  ontology_class_ancestors(fx->onto, "Wide", &n);
  assert_int_equal(n, 1 + PARENTS);
  assert_true(ontology_class_is_a(fx->onto, "Wide", "P39"));
  ontology_class_ancestors(fx->onto, "L0", &n);
  assert_int_equal(n, DEPTH + 1);
  assert_true(ontology_class_is_a(fx->onto, "L0", "L100"));
  assert_true(ontology_class_is_a(fx->onto, "L100", "L0"));
}

static void
several_files_make_one_ontology(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_write_file(fx->dir, "a.ttl", PREFIXES "ildkg:Part a owl:Class .\n"), 0);
  assert_int_equal(unit_write_file(fx->dir, "notes.txt", "not Turtle at all {\n"), 0);
  assert_int_equal(load_one(fx, "b.ttl", PREFIXES HEADER
                                         "ildkg:Whole a owl:Class .\n"
                                         "ildkg:Part rdfs:subClassOf ildkg:Whole .\n"),
                   ILDKG_OK);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_true(ontology_class_is_a(fx->onto, "Part", "Whole"));
}

/* What a writer would refuse is refused where the ontology is read, so that `validate`
   and `build` never disagree. */
static void
unwritable_literal_is_refused_with_file_and_line(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "ctl.ttl", UNIT_MINI_ONTOLOGY
                                           "ildkg:Thing rdfs:comment \"a\\u0001b\" .\n"),
                   ILDKG_ERR_INPUT);
  assert_null(fx->onto);
  char want[1024];
  snprintf(want, sizeof want, "%s/ctl.ttl:7: a literal holds U+0001 at byte 2", fx->dir);
  const char *m = ildkg_diag_message(fx->diag, 0);
  assert_non_null(m);
  if (strncmp(m, want, strlen(want)) != 0) {
    fail_msg("message '%s' does not start with '%s'", m, want);
  }
}

static void
long_local_name_is_refused(void **state)
{
  fixture *fx = *state;
  char ttl[2048];
  snprintf(ttl, sizeof ttl, "%sildkg:%0*d a owl:Class .\n", UNIT_MINI_ONTOLOGY,
           ONTOLOGY_MAX_LOCAL_NAME + 1, 7);
  assert_int_equal(load_one(fx, "long.ttl", ttl), ILDKG_ERR_INPUT);
  const char *m = ildkg_diag_message(fx->diag, 0);
  assert_non_null(m);
  assert_non_null(strstr(m, "local name of 129 bytes in the ildkg namespace"));
  snprintf(ttl, sizeof ttl, "%sildkg:%0*d a owl:Class .\n", UNIT_MINI_ONTOLOGY,
           ONTOLOGY_MAX_LOCAL_NAME, 7);
  ontology_free(fx->onto);
  fx->onto = NULL;
  assert_int_equal(load_one(fx, "long.ttl", ttl), ILDKG_OK);
}

static void
syntax_error_is_reported_with_file_and_line(void **state)
{
  fixture *fx = *state;
  /* UNIT_MINI_ONTOLOGY is 6 lines: the error is on line 7. */
  assert_int_equal(load_one(fx, "bad.ttl", UNIT_MINI_ONTOLOGY "ildkg:Broken a owl:Class ,, .\n"),
                   ILDKG_ERR_INPUT);
  assert_null(fx->onto);
  assert_true(ildkg_diag_count(fx->diag) >= 1);
  char prefix[1024];
  snprintf(prefix, sizeof prefix, "%s/bad.ttl:7: Turtle: ", fx->dir);
  const char *m = ildkg_diag_message(fx->diag, 0);
  assert_non_null(m);
  if (strncmp(m, prefix, strlen(prefix)) != 0) {
    fail_msg("message '%s' does not start with '%s'", m, prefix);
  }
}

static void
blank_node_subject_is_refused(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "blank.ttl", UNIT_MINI_ONTOLOGY "_:b1 a owl:Class .\n"),
                   ILDKG_ERR_INPUT);
  assert_null(fx->onto);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0,
                    "/blank.ttl:7: blank node (expected IRIs only: exports must be byte-stable)");
}

static void
blank_node_object_is_refused(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "blank.ttl", UNIT_MINI_ONTOLOGY
                                             "ildkg:Thing rdfs:seeAlso [] .\n"),
                   ILDKG_ERR_INPUT);
  assert_null(fx->onto);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0,
                    "/blank.ttl:7: blank node (expected IRIs only: exports must be byte-stable)");
}

static void
missing_ontology_header_is_refused(void **state)
{
  fixture *fx = *state;
  assert_int_equal(load_one(fx, "x.ttl", PREFIXES "ildkg:Thing a owl:Class .\n"),
                   ILDKG_ERR_INPUT);
  assert_null(fx->onto);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ": no owl:Ontology header (expected "
                           "<https://w3id.org/ildkg/ontology> a owl:Ontology)");
}

static void
empty_directory_is_noinput(void **state)
{
  fixture *fx = *state;
  ontology *o = (ontology *)&o; /* must be reset to NULL */
  assert_int_equal(ontology_load(&o, fx->dir, fx->diag), ILDKG_ERR_NOINPUT);
  assert_null(o);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ": no *.ttl file (expected the ontology)");
}

static void
missing_directory_is_noinput(void **state)
{
  fixture *fx = *state;
  char *absent = unit_path(fx->dir, "absent");
  const ildkg_status st = ontology_load(&fx->onto, absent, fx->diag);
  free(absent);
  assert_int_equal(st, ILDKG_ERR_NOINPUT);
  assert_null(fx->onto);
  char rest[256];
  snprintf(rest, sizeof rest, "/absent: cannot open ontology directory: %s", strerror(ENOENT));
  assert_message_at(fx, 0, rest);
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  ontology_free(NULL);
}

#define REAL(name) cmocka_unit_test_setup_teardown(name, setup_real, teardown)
#define TEMP(name) cmocka_unit_test_setup_teardown(name, setup_temp, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    REAL(real_ontology_loads_without_errors),
    REAL(triples_keep_the_header_and_have_no_blank_nodes),
    REAL(literal_terms_keep_language_and_datatype),
    REAL(classes_are_known),
    REAL(class_is_a_is_transitive),
    REAL(class_is_a_includes_the_class_itself),
    REAL(class_is_a_does_not_go_down_or_sideways),
    REAL(ancestors_start_with_the_class),
    REAL(ancestors_leave_out_other_vocabularies),
    REAL(ancestors_of_an_unknown_class_are_none),
    REAL(claim_property_has_its_statement_class),
    REAL(object_qualifier_has_its_range),
    REAL(repeatable_qualifier_is_not_functional),
    REAL(data_qualifier_has_datatype_and_unit),
    REAL(structural_property_is_other),
    REAL(unknown_property_is_null),
    REAL(individual_has_its_class),
    REAL(non_individual_has_no_class),
    TEMP(minimal_ontology_loads),
    TEMP(ancestors_through_a_diamond_are_listed_once),
    TEMP(ancestors_have_no_limit),
    TEMP(several_files_make_one_ontology),
    TEMP(syntax_error_is_reported_with_file_and_line),
    TEMP(unwritable_literal_is_refused_with_file_and_line),
    TEMP(long_local_name_is_refused),
    TEMP(blank_node_subject_is_refused),
    TEMP(blank_node_object_is_refused),
    TEMP(missing_ontology_header_is_refused),
    TEMP(empty_directory_is_noinput),
    TEMP(missing_directory_is_noinput),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
