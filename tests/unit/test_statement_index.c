/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include <raptor2.h>

#include "statement_index.h"
#include "statement_sort.h"

#define EX "http://example.org/"

/* Sorted statements of three subjects (one with a literal, one with three objects of one
   predicate), a blank node among them, in a raptor world of their own. */
typedef struct {
  raptor_world *world;
  raptor_statement *all[16];
  size_t n;
  statement_index *index;
} fixture;

static void
add(fixture *fx, const char *s, const char *p, const char *o, int literal)
{
  raptor_term *subject = s[0] == '_' ? raptor_new_term_from_blank(fx->world, (const unsigned char *)s + 2)
                                     : raptor_new_term_from_uri_string(fx->world, (const unsigned char *)s);
  raptor_term *predicate = raptor_new_term_from_uri_string(fx->world, (const unsigned char *)p);
  raptor_term *object = literal ? raptor_new_term_from_literal(fx->world, (const unsigned char *)o, NULL, NULL)
                                : raptor_new_term_from_uri_string(fx->world, (const unsigned char *)o);
  fx->all[fx->n] = raptor_new_statement_from_nodes(fx->world, subject, predicate, object, NULL);
  assert_non_null(fx->all[fx->n]);
  ++fx->n;
}

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  if (!fx || !(fx->world = raptor_new_world()) || raptor_world_open(fx->world)) {
    return -1;
  }
  add(fx, EX "b", EX "p", EX "x3", 0);
  add(fx, EX "a", EX "label", "A", 1);
  add(fx, EX "b", EX "p", EX "x1", 0);
  add(fx, "_:n", EX "p", EX "x9", 0);
  add(fx, EX "b", EX "q", EX "y", 0);
  add(fx, EX "b", EX "p", EX "x2", 0);
  add(fx, EX "c", EX "p", EX "z", 0);
  if (statement_sort(fx->all, fx->n) != ILDKG_OK ||
      statement_index_new(fx->all, fx->n, &fx->index) != ILDKG_OK) {
    return -1;
  }
  *state = fx;
  return 0;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  statement_index_free(fx->index);
  for (size_t i = 0; i < fx->n; ++i) {
    raptor_free_statement(fx->all[i]);
  }
  raptor_free_world(fx->world);
  free(fx);
  return 0;
}

/* The objects of b p, in order, asked with raptor's own text of the IRI and with a copy. */
static void
objects_of_a_subject_and_predicate(void **state)
{
  fixture *fx = *state;
  const char *interned = NULL;
  for (size_t i = 0; i < fx->n; ++i) {
    if (term_is_iri(fx->all[i]->subject, EX "b")) {
      interned = term_iri(fx->all[i]->subject);
    }
  }
  assert_non_null(interned);
  char copy[64];
  snprintf(copy, sizeof copy, "%s", EX "b");
  const char *asked[2] = {interned, copy};
  for (int k = 0; k < 2; ++k) {
    size_t at = 0;
    const char *want[] = {EX "x1", EX "x2", EX "x3"};
    for (int j = 0; j < 3; ++j) {
      const raptor_term *o = statement_index_next(fx->index, asked[k], EX "p", &at);
      assert_non_null(o);
      assert_string_equal(term_iri(o), want[j]);
    }
    assert_null(statement_index_next(fx->index, asked[k], EX "p", &at));
    assert_string_equal(statement_index_text(fx->index, asked[k], EX "q"), EX "y");
  }
}

static void
runs_and_texts(void **state)
{
  fixture *fx = *state;
  size_t first = 99, n = 99;
  statement_index_run(fx->index, EX "b", &first, &n);
  assert_int_equal(n, 4);
  for (size_t i = first; i < first + n; ++i) {
    assert_true(term_is_iri(fx->all[i]->subject, EX "b"));
  }
  statement_index_run(fx->index, EX "c", &first, &n);
  assert_int_equal(n, 1);
  statement_index_run(fx->index, EX "nothing", &first, &n);
  assert_int_equal(n, 0);
  assert_string_equal(statement_index_text(fx->index, EX "a", EX "label"), "A");
  assert_null(statement_index_text(fx->index, EX "a", EX "p"));
  assert_null(statement_index_object(fx->index, EX "nothing", EX "p"));
  assert_null(statement_index_object(fx->index, "_:n", EX "p")); /* blank nodes: no run */
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  statement_index_free(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(objects_of_a_subject_and_predicate),
    TEST(runs_and_texts),
    TEST(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
