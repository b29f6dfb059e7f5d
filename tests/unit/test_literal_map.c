/* SPDX-License-Identifier: MIT */
/* Literals to indices by value (src/base/literal_map.c). */
#include <config.h>

#include "unit.h"

#include "literal_map.h"

#define XSD_INTEGER "http://www.w3.org/2001/XMLSchema#integer"

static size_t
add(literal_map *m, const char *value, size_t len, const char *lang, const char *datatype,
    size_t index, bool expect_found)
{
  bool found = !expect_found;
  assert_int_equal(literal_map_find_or_add(m, value, len, lang, datatype, &index, &found),
                   ILDKG_OK);
  assert_int_equal(found, expect_found);
  return index;
}

static void
the_same_literal_finds_its_index(void **state)
{
  (void)state;
  literal_map *m = literal_map_new();
  assert_non_null(m);
  add(m, "cough", 5, NULL, NULL, 7, false);
  assert_int_equal(add(m, "cough", 5, NULL, NULL, 99, true), 7);
  literal_map_free(m);
}

static void
tags_datatypes_and_lengths_keep_literals_apart(void **state)
{
  (void)state;
  literal_map *m = literal_map_new();
  assert_non_null(m);
  add(m, "1", 1, NULL, NULL, 0, false);
  add(m, "1", 1, "en", NULL, 1, false);
  add(m, "1", 1, "EN", NULL, 2, false);
  add(m, "1", 1, NULL, XSD_INTEGER, 3, false);
  add(m, "", 0, NULL, NULL, 4, false);
  /* a value ending as another's key would: its length tells them apart */
  add(m, "1.", 2, NULL, NULL, 5, false);
  add(m, "1@en", 4, NULL, NULL, 6, false);
  add(m, "1", 1, "en", NULL, 1, true);
  assert_int_equal(add(m, "1", 1, NULL, XSD_INTEGER, 0, true), 3);
  assert_int_equal(add(m, "1@en", 4, NULL, NULL, 0, true), 6);
  /* only the first len bytes count */
  assert_int_equal(add(m, "1.x", 2, NULL, NULL, 0, true), 5);
  literal_map_free(m);
}

static void
a_value_with_nul_is_refused(void **state)
{
  (void)state;
  literal_map *m = literal_map_new();
  assert_non_null(m);
  size_t index = 1;
  bool found = true;
  assert_int_equal(literal_map_find_or_add(m, "a\0b", 3, NULL, NULL, &index, &found),
                   ILDKG_ERR_UNSUPPORTED);
  add(m, "a", 1, NULL, NULL, 2, false);
  literal_map_free(m);
}

static void
many_and_long_values_are_kept(void **state)
{
  (void)state;
  literal_map *m = literal_map_new();
  assert_non_null(m);
  enum { LONG = 200000 };
  char *big = malloc(LONG);
  assert_non_null(big);
  memset(big, 'x', LONG);
  add(m, big, LONG, NULL, NULL, 0, false);
  char value[32];
  for (size_t i = 1; i <= 50000; ++i) {
    const int n = snprintf(value, sizeof value, "value %zu", i);
    add(m, value, (size_t)n, NULL, NULL, i, false);
  }
  for (size_t i = 1; i <= 50000; i += 997) {
    const int n = snprintf(value, sizeof value, "value %zu", i);
    assert_int_equal(add(m, value, (size_t)n, NULL, NULL, 0, true), i);
  }
  assert_int_equal(add(m, big, LONG, NULL, NULL, 5, true), 0);
  free(big);
  literal_map_free(m);
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  literal_map_free(NULL);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(the_same_literal_finds_its_index),
    cmocka_unit_test(tags_datatypes_and_lengths_keep_literals_apart),
    cmocka_unit_test(a_value_with_nul_is_refused),
    cmocka_unit_test(many_and_long_values_are_kept),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
