/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include <raptor2.h>

#include "graph.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"

/* N-Triples forms of terms, as graph_sorted_statements' terms print. */
#define KG(local) "<" UNIT_BASE local ">"
#define IL(local) "<" NS_ILDKG local ">"
#define RDF_TYPE "<" NS_RDF "type>"
#define TYPED(value, xsd) "\"" value "\"^^<" NS_XSD xsd ">"

#define STATEMENT_ROWS                                                                     \
  "cop-cough\tCOP\thasSymptom\tCough\tfrequency=Common\t9,10,11\tintro\tcough and dyspnea\n" \
  "cop-subtype\tCOP\tsubtypeOf\tILD\t\t\tintro\ta subtype of ILD\n"                        \
  "cop-blood-tests\tCOP\tdiagnosedWith\tBloodTests\tnegated=true\t\tintro\t"              \
  "Blood tests are not diagnostic in COP\n"                                                \
  "cop-hrct\tCOP\tdiagnosedWith\tHRCT\tnegated=false\t12\tintro\tHRCT helps\n"             \
  "cop-patchy\tCOP\thasRadiologicalFinding\tPatchyConsolidation\t"                         \
  "observedWith=HRCT; sharePercent=90\t\ttable-1\tpresent in 90% of patients\n"            \
  "ild-patchy\tILD\thasRadiologicalFinding\tPatchyConsolidation\t"                         \
  "sharePercent=020.50; resolvedFrom=cop-patchy\t34\ttable-1\tAs Above\n"                \
  "ild-cough-may\tILD\thasSymptom\tCough\tcertainty=Possible\t\tintro\tmay cough\n"         \
  "ild-hrct-not-always\tILD\tdiagnosedWith\tHRCT\tnotAlways=true\t\tintro\tnot always\n"    \
  "ild-blood-always\tILD\tdiagnosedWith\tBloodTests\tnotAlways=false\t\tintro\talways\n"

/* A built graph and its statements as sorted N-Triples lines (without the final " ."). */
typedef struct {
  char **lines;
  size_t count;
  int has_blank; /* any blank node among the terms */
} snapshot;

typedef struct {
  char *dir;
  ildkg_diag *diag;
  pipeline p;
  snapshot snap;
} fixture;

static void
snapshot_clear(snapshot *s)
{
  for (size_t i = 0; s->lines && i < s->count; ++i) {
    free(s->lines[i]);
  }
  free(s->lines);
  *s = (snapshot){NULL, 0, 0};
}

/* The sorted statements of @p g as lines "S P O". */
static ildkg_status
take_snapshot(graph *g, snapshot *out)
{
  raptor_statement **all = NULL;
  size_t n = 0;
  *out = (snapshot){NULL, 0, 0};
  ildkg_status st = graph_sorted_statements(g, &all, &n);
  if (st != ILDKG_OK) {
    return st;
  }
  out->lines = calloc(n ? n : 1, sizeof *out->lines);
  st = out->lines ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    raptor_term *terms[3] = {all[i]->subject, all[i]->predicate, all[i]->object};
    unsigned char *text[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3; ++k) {
      out->has_blank |= terms[k]->type == RAPTOR_TERM_TYPE_BLANK;
      text[k] = raptor_term_to_counted_string(terms[k], NULL);
    }
    if (!text[0] || !text[1] || !text[2] ||
        asprintf(&out->lines[i], "%s %s %s", text[0], text[1], text[2]) < 0) {
      out->lines[i] = NULL;
      st = ILDKG_ERR_NOMEM;
    } else {
      out->count = i + 1;
    }
    for (int k = 0; k < 3; ++k) {
      raptor_free_memory(text[k]);
    }
  }
  graph_statements_free(all, n);
  if (st != ILDKG_OK) {
    snapshot_clear(out);
  }
  return st;
}

/* Load the facts in @p dir with the real ontology and build them under @p base. */
static ildkg_status
build(pipeline *p, const char *dir, const char *base, ildkg_diag *d)
{
  ildkg_status st = pipeline_load(p, dir, UNIT_ONTOLOGY_DIR, d);
  if (st == ILDKG_OK) {
    st = pipeline_build_graph(p, base);
  }
  return st;
}

static int
setup_with_base(void **state, const char *base)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  const unit_facts rows = {NULL, NULL, NULL, NULL, STATEMENT_ROWS};
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->diag = ildkg_diag_new(16)) ||
      unit_write_facts(fx->dir, &rows) != 0) {
    return -1;
  }
  if (build(&fx->p, fx->dir, base, fx->diag) != ILDKG_OK) {
    for (size_t i = 0; i < ildkg_diag_kept(fx->diag); ++i) {
      print_error("%s\n", ildkg_diag_message(fx->diag, i));
    }
    return -1;
  }
  return take_snapshot(fx->p.graph, &fx->snap) == ILDKG_OK ? 0 : -1;
}

static int
setup(void **state)
{
  return setup_with_base(state, UNIT_BASE);
}

static int
setup_hash_base(void **state)
{
  return setup_with_base(state, "http://example.org/other#");
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    snapshot_clear(&fx->snap);
    pipeline_clear(&fx->p);
    ildkg_diag_free(fx->diag);
    unit_free_temp_dir(fx->dir);
    free(fx);
  }
  return 0;
}

static size_t
count_lines(const snapshot *s, const char *line)
{
  size_t n = 0;
  for (size_t i = 0; i < s->count; ++i) {
    n += !strcmp(s->lines[i], line);
  }
  return n;
}

static size_t
count_prefix(const snapshot *s, const char *prefix)
{
  size_t n = 0;
  for (size_t i = 0; i < s->count; ++i) {
    n += !strncmp(s->lines[i], prefix, strlen(prefix));
  }
  return n;
}

#define assert_triple(fx, line)                                                            \
  do {                                                                                     \
    if (count_lines(&(fx)->snap, (line)) != 1) {                                           \
      fail_msg("missing triple: %s", (line));                                              \
    }                                                                                      \
  } while (0)

#define assert_no_triple(fx, line)                                                         \
  do {                                                                                     \
    if (count_lines(&(fx)->snap, (line)) != 0) {                                           \
      fail_msg("unexpected triple: %s", (line));                                           \
    }                                                                                      \
  } while (0)

/* ---- the graph ------------------------------------------------------------------- */

static void
graph_is_built_without_errors(void **state)
{
  fixture *fx = *state;
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  assert_non_null(fx->p.graph);
  assert_int_equal(fx->snap.count, graph_size(fx->p.graph));
  assert_true(fx->snap.count > ontology_triple_count(fx->p.ontology));
}

static void
graph_carries_the_ontology(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, IL("hasSymptom") " " IL("statementClass") " " IL("SymptomStatement"));
}

/* The data are a dataset of their own that imports the ontology, never the ontology itself. */
static void
graph_is_a_dataset_not_the_ontology(void **state)
{
  fixture *fx = *state;
  const char *release = KG("release/" PACKAGE_VERSION);
  char line[512];
  snprintf(line, sizeof line, "%s " RDF_TYPE " <" NS_VOID "Dataset>", release);
  assert_triple(fx, line);
  snprintf(line, sizeof line, "%s <" NS_OWL "imports> <" ILDKG_ONTOLOGY_IRI "/" PACKAGE_VERSION ">",
           release);
  assert_triple(fx, line);
  snprintf(line, sizeof line, "%s <" NS_PAV "version> \"" PACKAGE_VERSION "\"", release);
  assert_triple(fx, line);
  snprintf(line, sizeof line, "%s <" NS_DCTERMS "source> " KG("review"), release);
  assert_triple(fx, line);
  assert_int_equal(count_prefix(&fx->snap, "<" ILDKG_ONTOLOGY_IRI "> "), 0);
  char *iri = graph_builder_dataset_iri(UNIT_BASE);
  assert_string_equal(iri, UNIT_BASE "release/" PACKAGE_VERSION);
  free(iri);
  assert_null(graph_builder_dataset_iri(NULL));
}

static void
statement_node_is_typed_with_its_class_and_statement(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-cough") " " RDF_TYPE " " IL("SymptomStatement"));
  assert_triple(fx, KG("stmt-cop-cough") " " RDF_TYPE " " IL("Statement"));
  assert_triple(fx, KG("stmt-cop-patchy") " " RDF_TYPE " " IL("RadiologyStatement"));
  assert_int_equal(count_prefix(&fx->snap, KG("stmt-cop-cough") " " RDF_TYPE " "), 2);
}

static void
statement_node_names_subject_predicate_object(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-cough") " " IL("subject") " " KG("COP"));
  assert_triple(fx, KG("stmt-cop-cough") " " IL("predicate") " " IL("hasSymptom"));
  assert_triple(fx, KG("stmt-cop-cough") " " IL("object") " " KG("Cough"));
}

static void
statement_cites_each_of_its_references(void **state)
{
  fixture *fx = *state;
  const char *cites = KG("stmt-cop-cough") " <" NS_CITO "citesAsEvidence> ";
  assert_triple(fx, KG("stmt-cop-cough") " <" NS_CITO "citesAsEvidence> " KG("reference-9"));
  assert_triple(fx, KG("stmt-cop-cough") " <" NS_CITO "citesAsEvidence> " KG("reference-10"));
  assert_triple(fx, KG("stmt-cop-cough") " <" NS_CITO "citesAsEvidence> " KG("reference-11"));
  assert_int_equal(count_prefix(&fx->snap, cites), 3);
}

/* A qualifier naming another statement shows that statement's label, not its id. */
static void
qualifier_text_shows_a_statement_by_its_label(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-ild-patchy") " " IL("qualifierText")
                    " \"share of patients (percent): 020.50; resolved from: cryptogenic organizing"
                    " pneumonia / has radiological finding / patchy consolidation\"");
}

static void
cited_statement_is_not_the_reviews_own_claim(void **state)
{
  fixture *fx = *state;
  assert_int_equal(count_prefix(&fx->snap, KG("stmt-cop-cough") " " IL("isReviewOwnClaim")), 0);
  assert_int_equal(count_prefix(&fx->snap, KG("stmt-ild-patchy") " " IL("isReviewOwnClaim")), 0);
}

static void
uncited_statement_is_the_reviews_own_claim(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-subtype") " " IL("isReviewOwnClaim") " "
                    TYPED("true", "boolean"));
  assert_int_equal(count_prefix(&fx->snap, KG("stmt-cop-subtype") " <" NS_CITO), 0);
}

static void
claim_gets_its_direct_edge(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("COP") " " IL("hasSymptom") " " KG("Cough"));
  assert_triple(fx, KG("COP") " " IL("subtypeOf") " " KG("ILD"));
}

static void
negated_claim_gets_no_direct_edge(void **state)
{
  fixture *fx = *state;
  assert_no_triple(fx, KG("COP") " " IL("diagnosedWith") " " KG("BloodTests"));
  /* The statement itself is kept, saying it is negated. */
  assert_triple(fx, KG("stmt-cop-blood-tests") " " IL("object") " " KG("BloodTests"));
  assert_triple(fx, KG("stmt-cop-blood-tests") " " IL("negated") " " TYPED("true", "boolean"));
}

static void
claim_negated_false_keeps_its_direct_edge(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("COP") " " IL("diagnosedWith") " " KG("HRCT"));
  assert_triple(fx, KG("stmt-cop-hrct") " " IL("negated") " " TYPED("false", "boolean"));
}

/* A claim a qualifier restricts ("may", "not always") is kept as a statement, but gives no
   direct edge: an edge is always a plain fact. A boolean restriction set false is none. */
static void
restricted_claim_gets_no_direct_edge(void **state)
{
  fixture *fx = *state;
  assert_no_triple(fx, KG("ILD") " " IL("hasSymptom") " " KG("Cough"));
  assert_triple(fx, KG("stmt-ild-cough-may") " " IL("certainty") " " IL("Possible"));
  assert_no_triple(fx, KG("ILD") " " IL("diagnosedWith") " " KG("HRCT"));
  assert_triple(fx, KG("stmt-ild-hrct-not-always") " " IL("object") " " KG("HRCT"));
  assert_triple(fx, KG("ILD") " " IL("diagnosedWith") " " KG("BloodTests"));
}

/* Each mapping row is a node of its own, with what the skos triple cannot carry. */
static void
mapping_has_a_node_with_its_provenance(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("Cough") " <" NS_SKOS "exactMatch> <" NS_OBO "HP_0012735>");
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " RDF_TYPE " " IL("Mapping"));
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " IL("mappedEntity") " " KG("Cough"));
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " IL("matchPredicate") " <" NS_SKOS
                    "exactMatch>");
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " IL("mappedTo") " <" NS_OBO "HP_0012735>");
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " IL("externalId") " \"HP:0012735\"");
  assert_triple(fx, KG("mapping-Cough-HP-0012735") " " IL("checkedIn") " \"test fixture\"");
  assert_triple(fx, KG("mapping-COP-MONDO-0015264") " " IL("matchPredicate") " <" NS_SKOS
                    "closeMatch>");
}

static void
decimal_is_written_canonically(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-patchy") " " IL("sharePercent") " " TYPED("90.0", "decimal"));
  assert_triple(fx, KG("stmt-ild-patchy") " " IL("sharePercent") " " TYPED("20.5", "decimal"));
  assert_no_triple(fx, KG("stmt-cop-patchy") " " IL("sharePercent") " " TYPED("90", "decimal"));
}

static void
qualifier_values_become_iris_of_their_kind(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-cough") " " IL("frequency") " " IL("Common"));
  assert_triple(fx, KG("stmt-cop-patchy") " " IL("observedWith") " " KG("HRCT"));
  assert_triple(fx, KG("stmt-ild-patchy") " " IL("resolvedFrom") " " KG("stmt-cop-patchy"));
}

static void
statement_has_provenance_and_a_quote_selector(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("stmt-cop-cough") " <" NS_PROV "wasDerivedFrom> " KG("review"));
  assert_triple(fx, KG("stmt-cop-cough") " " IL("inSection") " " KG("section-intro"));
  assert_triple(fx, KG("stmt-cop-cough") " <" NS_OA "hasSelector> " KG("quote-cop-cough"));
  assert_triple(fx, KG("quote-cop-cough") " " RDF_TYPE " <" NS_OA "TextQuoteSelector>");
  assert_triple(fx, KG("quote-cop-cough") " <" NS_OA "hasSource> " KG("review"));
  assert_triple(fx, KG("quote-cop-cough") " <" NS_OA "exact> \"cough and dyspnea\"");
}

static void
review_cites_every_reference(void **state)
{
  fixture *fx = *state;
  const char *cites = KG("review") " <" NS_CITO "cites> ";
  assert_triple(fx, KG("review") " " RDF_TYPE " <" NS_FABIO "ReviewArticle>");
  assert_triple(fx, KG("review") " " RDF_TYPE " " IL("Review"));
  assert_triple(fx, KG("review") " <" NS_RDFS "label> \"Test review\"@en");
  assert_triple(fx, KG("review") " <" NS_CITO "cites> " KG("reference-1"));
  assert_triple(fx, KG("review") " <" NS_CITO "cites> " KG("reference-49"));
  assert_int_equal(count_prefix(&fx->snap, cites), 49);
  assert_triple(fx, KG("reference-49") " " IL("referenceNumber") " " TYPED("49", "integer"));
}

static void
sections_are_parts_of_the_review(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("section-intro") " <" NS_DCTERMS "isPartOf> " KG("review"));
  assert_triple(fx, KG("section-table-1") " <" NS_DCTERMS "isPartOf> " KG("section-intro"));
  assert_triple(fx, KG("section-table-1") " " RDF_TYPE " " IL("Table"));
  assert_triple(fx, KG("section-table-1") " " RDF_TYPE " " IL("ReviewPart"));
  assert_triple(fx, KG("section-table-1") " " IL("order") " " TYPED("2", "integer"));
}

static void
entities_have_types_labels_and_matches(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, KG("Cough") " " RDF_TYPE " " IL("Symptom"));
  assert_triple(fx, KG("Cough") " " RDF_TYPE " " IL("ClinicalFeature"));
  assert_triple(fx, KG("Cough") " " RDF_TYPE " " IL("ClinicalEntity"));
  assert_triple(fx, KG("Cough") " <" NS_RDFS "label> \"cough\"@en");
  assert_triple(fx, KG("Cough") " <" NS_SKOS "altLabel> \"dry cough\"@en");
  assert_triple(fx, KG("Cough") " <" NS_SKOS "exactMatch> <" NS_OBO "HP_0012735>");
  assert_triple(fx, KG("COP") " <" NS_SKOS "closeMatch> <" NS_OBO "MONDO_0015264>");
}

static void
no_blank_nodes_anywhere(void **state)
{
  fixture *fx = *state;
  assert_false(fx->snap.has_blank);
  for (size_t i = 0; i < fx->snap.count; ++i) {
    if (strstr(fx->snap.lines[i], "_:")) {
      fail_msg("blank node in: %s", fx->snap.lines[i]);
    }
  }
}

static void
sorted_statements_are_in_byte_order_of_their_lines(void **state)
{
  fixture *fx = *state;
  for (size_t i = 1; i < fx->snap.count; ++i) {
    if (strcmp(fx->snap.lines[i - 1], fx->snap.lines[i]) >= 0) {
      fail_msg("out of order at %zu: '%s' then '%s'", i, fx->snap.lines[i - 1],
               fx->snap.lines[i]);
    }
  }
}

/* Terms that are prefixes of each other, literals of every kind, escaped characters,
   blank nodes and a repeated triple: the sorted statements are the lines, sorted, each once. */
static void
tricky_terms_sort_as_their_lines(void **state)
{
  (void)state;
  static const char data[] =
    "@prefix : <http://a.example/> .\n"
    ":b :p :o, \"x\", \"x\"@en, \"x\"^^:dt, \"x y\", \"\", \"caf\u00e9\", \"a\\\"q\", 1 .\n"
    ":b :p :o .\n"
    "<http://a.example/b/c> :p :o ; :pp :o ; :p_ :o .\n"
    ":b :q <http://a.example/b/c>, :b, <http://a.example/\\u00e9> .\n"
    "<http://a.example/\\u00e9> :p :o .\n"
    "_:z :p _:y . _:y :p :b .\n"
    ":b- :p \"line\\nbreak\" .\n";
  graph *g = graph_new();
  assert_non_null(g);
  assert_int_equal(graph_load_text(g, data, strlen(data), "turtle", "urn:x-test:"), ILDKG_OK);
  snapshot snap;
  assert_int_equal(take_snapshot(g, &snap), ILDKG_OK);
  assert_int_equal(snap.count, 19); /* the repeated triple once */
  for (size_t i = 1; i < snap.count; ++i) {
    if (strcmp(snap.lines[i - 1], snap.lines[i]) >= 0) {
      fail_msg("out of order at %zu: '%s' then '%s'", i, snap.lines[i - 1], snap.lines[i]);
    }
  }
  snapshot_clear(&snap);
  graph_free(g);
}

static void
building_twice_gives_the_same_sequence(void **state)
{
  fixture *fx = *state;
  pipeline again;
  snapshot snap = {NULL, 0, 0};
  ildkg_status st = build(&again, fx->dir, UNIT_BASE, fx->diag);
  if (st == ILDKG_OK) {
    st = take_snapshot(again.graph, &snap);
  }
  pipeline_clear(&again);
  assert_int_equal(st, ILDKG_OK);
  int same = snap.count == fx->snap.count;
  for (size_t i = 0; same && i < snap.count; ++i) {
    same = !strcmp(snap.lines[i], fx->snap.lines[i]);
  }
  snapshot_clear(&snap);
  assert_true(same);
}

static void
hash_base_mints_iris_under_it(void **state)
{
  fixture *fx = *state;
  assert_triple(fx, "<http://example.org/other#stmt-cop-cough> " RDF_TYPE " "
                    IL("SymptomStatement"));
  assert_triple(fx, "<http://example.org/other#COP> " IL("hasSymptom")
                    " <http://example.org/other#Cough>");
  assert_int_equal(count_prefix(&fx->snap, "<" UNIT_BASE), 0);
}

/* ---- graph and base checks --------------------------------------------------------- */

static void
empty_graph_has_no_statements(void **state)
{
  (void)state;
  graph *g = graph_new();
  assert_non_null(g);
  raptor_statement **all = NULL;
  size_t n = 99;
  const ildkg_status st = graph_sorted_statements(g, &all, &n);
  graph_statements_free(all, st == ILDKG_OK ? n : 0);
  graph_free(g);
  assert_int_equal(st, ILDKG_OK);
  assert_int_equal(n, 0);
  graph_free(NULL);
  graph_statements_free(NULL, 0);
}

static void
base_accepts_http_iris_ending_in_slash_or_hash(void **state)
{
  (void)state;
  assert_true(graph_builder_base_is_valid("https://example.org/x/"));
  assert_true(graph_builder_base_is_valid("http://example.org/x#"));
  assert_true(graph_builder_base_is_valid(ILDKG_DEFAULT_BASE));
}

static void
base_rejects_other_schemes_and_endings(void **state)
{
  (void)state;
  assert_false(graph_builder_base_is_valid("ftp://x/"));
  assert_false(graph_builder_base_is_valid("ftp://example.org/x/"));
  assert_false(graph_builder_base_is_valid("urn:example:x/"));
  assert_false(graph_builder_base_is_valid("https://example.org/x"));
  assert_false(graph_builder_base_is_valid("https://"));
  assert_false(graph_builder_base_is_valid(""));
}

static void
base_rejects_characters_iris_cannot_hold(void **state)
{
  (void)state;
  assert_false(graph_builder_base_is_valid("https://example.org/a b/"));
  assert_false(graph_builder_base_is_valid("https://example.org/<x>/"));
  assert_false(graph_builder_base_is_valid("https://example.org/x\"/"));
  assert_false(graph_builder_base_is_valid("https://example.org/\tx/"));
  assert_false(graph_builder_base_is_valid("https://example.org/{x}/"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(graph_is_built_without_errors),
    TEST(graph_carries_the_ontology),
    TEST(graph_is_a_dataset_not_the_ontology),
    TEST(statement_node_is_typed_with_its_class_and_statement),
    TEST(statement_node_names_subject_predicate_object),
    TEST(statement_cites_each_of_its_references),
    TEST(qualifier_text_shows_a_statement_by_its_label),
    TEST(cited_statement_is_not_the_reviews_own_claim),
    TEST(uncited_statement_is_the_reviews_own_claim),
    TEST(claim_gets_its_direct_edge),
    TEST(negated_claim_gets_no_direct_edge),
    TEST(claim_negated_false_keeps_its_direct_edge),
    TEST(restricted_claim_gets_no_direct_edge),
    TEST(mapping_has_a_node_with_its_provenance),
    TEST(decimal_is_written_canonically),
    TEST(qualifier_values_become_iris_of_their_kind),
    TEST(statement_has_provenance_and_a_quote_selector),
    TEST(review_cites_every_reference),
    TEST(sections_are_parts_of_the_review),
    TEST(entities_have_types_labels_and_matches),
    TEST(no_blank_nodes_anywhere),
    TEST(sorted_statements_are_in_byte_order_of_their_lines),
    TEST(building_twice_gives_the_same_sequence),
    cmocka_unit_test(tricky_terms_sort_as_their_lines),
    cmocka_unit_test_setup_teardown(hash_base_mints_iris_under_it, setup_hash_base, teardown),
    cmocka_unit_test(empty_graph_has_no_statements),
    cmocka_unit_test(base_accepts_http_iris_ending_in_slash_or_hash),
    cmocka_unit_test(base_rejects_other_schemes_and_endings),
    cmocka_unit_test(base_rejects_characters_iris_cannot_hold),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
