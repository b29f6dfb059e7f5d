/* SPDX-License-Identifier: MIT */
/*
 * The triple table (src/rdf/triple_table.c) and the direct passes of the shipped graph
 * checks (src/rdf/check_passes.c). That each pass gives its SPARQL's rows is tested on
 * broken graphs against rasqal and rdflib in tests/cli/checks.sh.
 */
#include <config.h>

#include "unit.h"

#include "check_passes.h"
#include "graph.h"
#include "triple_table.h"

#define T "https://example.org/t/"

static const char DATA[] = "@prefix : <" T "> .\n"
                           "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                           ":a :p :b, \"v\", \"v\"@en, 7 .\n"
                           ":c :p :b, \"v\" ; :q _:x .\n"
                           "_:x :p :a .\n"
                           ":A owl:disjointWith :B .\n"
                           ":both a :A, :B .\n"
                           ":one a :A .\n";

static graph *
load(const char *text)
{
  graph *g = graph_new();
  assert_non_null(g);
  assert_int_equal(graph_load_text(g, text, strlen(text), "turtle", "urn:x-test:"), ILDKG_OK);
  return g;
}

static void
every_shipped_rule_has_its_pass(void **state)
{
  (void)state;
  DIR *dh = opendir(UNIT_ONTOLOGY_DIR "/checks");
  assert_non_null(dh);
  size_t n = 0;
  for (struct dirent *e; (e = readdir(dh));) {
    const size_t len = strlen(e->d_name);
    if (len < 4 || strcmp(e->d_name + len - 3, ".rq") != 0) {
      continue;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/checks/%s", UNIT_ONTOLOGY_DIR, e->d_name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 16];
    const size_t size = fread(text, 1, sizeof text, f);
    fclose(f);
    const check_pass *pass = check_pass_find(text, size);
    if (!pass) {
      fail_msg("%s: no direct pass has its fingerprint 0x%016llx (a rule changed: change its "
               "pass in src/rdf/check_passes.c to match, then its fingerprint)",
               e->d_name, (unsigned long long)check_pass_fingerprint(text, size));
    }
    assert_string_equal(check_pass_file(pass), e->d_name);
    text[size / 2] ^= ' '; /* one byte changed: the rule is not the one the pass was written from */
    assert_null(check_pass_find(text, size));
    ++n;
  }
  closedir(dh);
  assert_int_equal(n, 7);
}

static void
terms_are_numbered_once(void **state)
{
  (void)state;
  graph *g = load(DATA);
  triple_table *t = NULL;
  assert_int_equal(triple_table_new(g, &t), ILDKG_OK);
  const term_id a = triple_table_iri(t, T "a"), p = triple_table_iri(t, T "p");
  const term_id b = triple_table_iri(t, T "b"), c = triple_table_iri(t, T "c");
  assert_int_not_equal(a, TERM_NONE);
  assert_int_equal(triple_table_iri(t, T "nowhere"), TERM_NONE);
  const id_triple *x, *y;
  assert_int_equal(triple_table_objects(t, a, p, &x), 4);
  assert_int_equal(triple_table_objects(t, c, p, &y), 2);
  /* the IRI and the plain literal "v" have one number each, wherever they are */
  size_t shared = 0;
  for (size_t i = 0; i < 4; ++i) {
    for (size_t j = 0; j < 2; ++j) {
      shared += x[i].o == y[j].o;
    }
  }
  assert_int_equal(shared, 2);
  assert_int_equal(triple_table_subjects(t, p, b, &x), 2);
  assert_true(triple_table_has(t, a, p, b));
  assert_false(triple_table_has(t, b, p, a));
  assert_true(triple_table_has_any(t, c, triple_table_iri(t, T "q")));
  assert_false(triple_table_has_any(t, b, p));
  assert_int_equal(triple_table_with_predicate(t, p, &x), 7);
  assert_int_equal(triple_table_all(t, &x), graph_size(g));
  triple_table_free(t);
  graph_free(g);
}

typedef struct {
  size_t rows;
  char text[512];
} collected;

static ildkg_status
collect(void *user_data, size_t n, const char *const *names, const char *const *values)
{
  collected *c = user_data;
  for (size_t i = 0; i < n; ++i) {
    const size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%s=%s;", names[i], values[i]);
  }
  ++c->rows;
  return ILDKG_OK;
}

static void
a_pass_reports_its_rule_s_rows(void **state)
{
  (void)state;
  FILE *f = fopen(UNIT_ONTOLOGY_DIR "/checks/disjoint-classes.rq", "rb");
  assert_non_null(f);
  static char text[1 << 16];
  const size_t size = fread(text, 1, sizeof text, f);
  fclose(f);
  const check_pass *pass = check_pass_find(text, size);
  assert_non_null(pass);
  graph *g = load(DATA);
  triple_table *t = NULL;
  assert_int_equal(triple_table_new(g, &t), ILDKG_OK);
  collected c = {0, ""};
  assert_int_equal(check_pass_run(pass, t, collect, &c), ILDKG_OK);
  assert_int_equal(c.rows, 1);
  assert_string_equal(c.text, "node=<" T "both>;class=<" T "A>;disjointClass=<" T "B>;");
  triple_table_free(t);
  graph_free(g);
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  triple_table_free(NULL);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_shipped_rule_has_its_pass),
    cmocka_unit_test(terms_are_numbered_once),
    cmocka_unit_test(a_pass_reports_its_rule_s_rows),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
