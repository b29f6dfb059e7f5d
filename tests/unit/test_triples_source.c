/* SPDX-License-Identifier: MIT */
/*
 * The triples source rasqal matches against (src/triples_source.c), through the graph's
 * query API. The expected rows are rdflib 6.1's answers to the same queries on the same
 * data (the GRAPH case aside: rdflib needs a dataset for it; a graph without named
 * graphs has no rows there by SPARQL's definition).
 */
#include <config.h>

#include "unit.h"
#include "query_runner.h"

#include "graph.h"

#define T "https://example.org/t/"
#define PREFIXES "PREFIX : <" T "> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
#define XSD_INTEGER "^^<http://www.w3.org/2001/XMLSchema#integer>"

static const char DATA[] =
  "@prefix : <" T "> .\n"
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
  ":s1 :subject :a ; :note \"first\"@en .\n"
  ":s2 :subject :b ; :note \"second\" .\n"
  ":s3 :subject :c .\n"
  ":a :label \"A\" ; :self :a ; :size 42 ; :part _:x .\n"
  ":b :label \"B\" ; :self :c ; :size \"7\"^^xsd:integer ; :part _:y .\n"
  ":c :label \"C\"@fr .\n"
  "_:x :name \"x-part\" .\n"
  "_:y :name \"y-part\" .\n"
  ":a :rel :r1 . :r1 :weight 1 . :r2 :weight 2 .\n";

typedef struct {
  char *dir;
  graph *g;
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->g = graph_new())) {
    return -1;
  }
  const ildkg_status st = graph_load_text(fx->g, DATA, strlen(DATA), "turtle", "urn:x-test:");
  return st == ILDKG_OK ? 0 : -1;
}

/* The same graph with its subject index (graph_index_subjects): every case runs on both. */
static int
setup_indexed(void **state)
{
  if (setup(state)) {
    return -1;
  }
  fixture *fx = *state;
  return graph_index_subjects(fx->g) == ILDKG_OK && graph_subjects_indexed(fx->g) ? 0 : -1;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    graph_free(fx->g);
    unit_free_temp_dir(fx->dir);
    free(fx);
  }
  return 0;
}

/* The rows seen so far, each "v1|v2|...\n" (unbound: empty), in arrival order. */
typedef struct {
  char *text;
  size_t len;
} rows;

static ildkg_status
add_row(void *user_data, size_t n, const char *const *names, const char *const *values)
{
  (void)names;
  rows *r = user_data;
  for (size_t i = 0; i < n; ++i) {
    const char *v = values[i] ? values[i] : "";
    char *grown = realloc(r->text, r->len + strlen(v) + 2);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    r->text = grown;
    r->len += (size_t)sprintf(r->text + r->len, "%s%s", v, i + 1 < n ? "|" : "\n");
  }
  return ILDKG_OK;
}

static int
compare_lines(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rows of @p query as they arrive (an order of their own where SPARQL promises none). */
static char *
rows_as_they_come(graph *g, const char *query)
{
  rows r = {calloc(1, 1), 0};
  assert_non_null(r.text);
  char why[QUERY_WHY_SIZE];
  assert_int_equal(query_select(g, query, add_row, &r, why), ILDKG_OK);
  return r.text;
}

/* The rows of @p query as sorted lines (a multiset, as SPARQL promises no order). */
static char *
sorted_rows(graph *g, const char *query)
{
  char *text = rows_as_they_come(g, query);
  const size_t len = strlen(text);
  char *lines[64];
  size_t n = 0;
  for (char *line = strtok(text, "\n"); line && n < 64; line = strtok(NULL, "\n")) {
    lines[n++] = line;
  }
  qsort(lines, n, sizeof lines[0], compare_lines);
  char *out = calloc(1, len + 1);
  assert_non_null(out);
  for (size_t i = 0; i < n; ++i) {
    strcat(strcat(out, lines[i]), "\n");
  }
  free(text);
  return out;
}

#define assert_rows(g, query, expected)                                                    \
  do {                                                                                     \
    char *got_ = sorted_rows((g), PREFIXES query);                                         \
    assert_string_equal(got_, (expected));                                                 \
    free(got_);                                                                            \
  } while (0)

/* The case the source exists for: the right side of an OPTIONAL, run once a left row,
   looks up that row's subject; every left row keeps its own answer. */
static void
optional_uses_each_left_row(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g, "SELECT ?s ?note WHERE { ?s :subject ?d . OPTIONAL { ?s :note ?note } }",
              "<" T "s1>|\"first\"@en\n<" T "s2>|\"second\"\n<" T "s3>|\n");
}

static void
pattern_after_optional_joins_on_the_left_row(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g,
              "SELECT ?s ?note ?label WHERE { ?s :subject ?d . OPTIONAL { ?s :note ?note } "
              "?d :label ?label }",
              "<" T "s1>|\"first\"@en|\"A\"\n<" T "s2>|\"second\"|\"B\"\n<" T "s3>||\"C\"@fr\n");
}

/* An OPTIONAL that found nothing leaves its variable unbound for the next one, which
   then matches every triple of its pattern (SPARQL's left join with an unbound variable). */
static void
unbound_left_variable_matches_anything(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g,
              "SELECT ?d ?r ?w WHERE { ?s :subject ?d . OPTIONAL { ?d :rel ?r } "
              "OPTIONAL { ?r :weight ?w } }",
              "<" T "a>|<" T "r1>|\"1\"" XSD_INTEGER "\n"
              "<" T "b>|<" T "r1>|\"1\"" XSD_INTEGER "\n"
              "<" T "b>|<" T "r2>|\"2\"" XSD_INTEGER "\n"
              "<" T "c>|<" T "r1>|\"1\"" XSD_INTEGER "\n"
              "<" T "c>|<" T "r2>|\"2\"" XSD_INTEGER "\n");
}

static void
repeated_variable_must_match_twice(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g, "SELECT ?x WHERE { ?x :self ?x }", "<" T "a>\n");
}

static void
literal_terms_keep_language_and_datatype(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g,
              "SELECT ?s WHERE { { ?s :note \"first\"@en } UNION { ?s :note \"second\" } "
              "UNION { ?d :label \"C\"@fr . ?s :subject ?d } }",
              "<" T "s1>\n<" T "s2>\n<" T "s3>\n");
  assert_rows(fx->g, "SELECT ?d WHERE { ?d :size 42 . ?d :size ?n . ?e :size \"7\"^^xsd:integer }",
              "<" T "a>\n");
  assert_rows(fx->g, "SELECT ?s WHERE { ?s :note \"first\" }", "");
}

/* A blank node bound on the left is looked up by its identifier on the right. */
static void
blank_node_joins(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g, "SELECT ?d ?name WHERE { ?d :part ?p . ?p :name ?name }",
              "<" T "a>|\"x-part\"\n<" T "b>|\"y-part\"\n");
}

static void
named_graph_pattern_has_no_rows(void **state)
{
  fixture *fx = *state;
  assert_rows(fx->g, "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", "");
}

static int
ask(graph *g, const char *query)
{
  const query_limits none = {0, 0, NULL};
  query_answer *a = NULL;
  char why[QUERY_WHY_SIZE];
  assert_int_equal(query_run(g, query, strlen(query), &none, &a, why), ILDKG_OK);
  const int answer = a->boolean;
  query_answer_free(a);
  return answer;
}

/* A pattern without variables is asked with triple_present. */
static void
ground_pattern_is_present_or_not(void **state)
{
  fixture *fx = *state;
  assert_int_equal(ask(fx->g, PREFIXES "ASK { :a :self :a }"), 1);
  assert_int_equal(ask(fx->g, PREFIXES "ASK { :a :self :b }"), 0);
  assert_rows(fx->g, "SELECT ?x WHERE { :a :self :a . ?x :self ?x }", "<" T "a>\n");
}

/* A query without ORDER BY answers in one order, index or not: the index keeps librdf's. */
static void
index_keeps_the_order_of_rows(void **state)
{
  (void)state;
  /* :s's objects are bound for :t and again for :u (the second time from the kept terms);
     rasqal rewrites "+1.50"^^xsd:decimal and "0"^^xsd:boolean when it reads them */
  static const char many[] = "@prefix : <" T "> .\n"
                             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                             ":s :o :z , :m , :a , \"3\" , \"1\" , \"2\"@en , _:n ,\n"
                             "  \"+1.50\"^^xsd:decimal , \"0\"^^xsd:boolean ; :p :k , :b .\n"
                             ":t :o :y , :c ; :p :s .\n"
                             ":u :o :x ; :p :s .\n";
  const char *query = PREFIXES "SELECT ?x ?y ?z (STR(?z) AS ?text) (?z + 1 AS ?more) "
                               "WHERE { ?x :p ?y . OPTIONAL { ?y :o ?z } }";
  graph *plain = graph_new(), *indexed = graph_new();
  assert_non_null(plain);
  assert_non_null(indexed);
  assert_int_equal(graph_load_text(plain, many, strlen(many), "turtle", "urn:x-test:"), ILDKG_OK);
  assert_int_equal(graph_load_text(indexed, many, strlen(many), "turtle", "urn:x-test:"), ILDKG_OK);
  assert_int_equal(graph_index_subjects(indexed), ILDKG_OK);
  assert_true(graph_subjects_indexed(indexed));
  char *want = rows_as_they_come(plain, query);
  char *got = rows_as_they_come(indexed, query);
  assert_string_equal(got, want);
  assert_non_null(strstr(got, "\"2\"@en"));
  assert_non_null(strstr(got, "\"+1.50\"^^<http://www.w3.org/2001/XMLSchema#decimal>|\"+1.50\""));
  assert_non_null(strstr(got, "\"0\"^^<http://www.w3.org/2001/XMLSchema#boolean>|\"0\""));
  free(want);
  free(got);
  graph_free(plain);
  graph_free(indexed);
}

/* A triple added after the index is built is in the answers: adding drops the index. */
static void
adding_a_triple_drops_the_index(void **state)
{
  fixture *fx = *state;
  assert_int_equal(graph_index_subjects(fx->g), ILDKG_OK);
  assert_true(graph_subjects_indexed(fx->g));
  assert_rows(fx->g, "SELECT ?n WHERE { :s3 :note ?n }", "");
  assert_int_equal(graph_add_iri(fx->g, T "s3", T "note", T "n3"), ILDKG_OK);
  assert_false(graph_subjects_indexed(fx->g));
  assert_rows(fx->g, "SELECT ?n WHERE { :s3 :note ?n }", "<" T "n3>\n");
  assert_int_equal(graph_index_subjects(fx->g), ILDKG_OK);
  assert_true(graph_subjects_indexed(fx->g));
  assert_rows(fx->g, "SELECT ?n WHERE { :s3 :note ?n }", "<" T "n3>\n");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TEST_INDEXED(name) cmocka_unit_test_setup_teardown(name, setup_indexed, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(optional_uses_each_left_row),
    TEST(pattern_after_optional_joins_on_the_left_row),
    TEST(unbound_left_variable_matches_anything),
    TEST(repeated_variable_must_match_twice),
    TEST(literal_terms_keep_language_and_datatype),
    TEST(blank_node_joins),
    TEST(named_graph_pattern_has_no_rows),
    TEST(ground_pattern_is_present_or_not),
    TEST_INDEXED(optional_uses_each_left_row),
    TEST_INDEXED(pattern_after_optional_joins_on_the_left_row),
    TEST_INDEXED(unbound_left_variable_matches_anything),
    TEST_INDEXED(repeated_variable_must_match_twice),
    TEST_INDEXED(literal_terms_keep_language_and_datatype),
    TEST_INDEXED(blank_node_joins),
    TEST_INDEXED(named_graph_pattern_has_no_rows),
    TEST_INDEXED(ground_pattern_is_present_or_not),
    cmocka_unit_test(index_keeps_the_order_of_rows),
    TEST(adding_a_triple_drops_the_index),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
