/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "strmap.h"

enum { MANY = 10000 };

static int
setup(void **state)
{
  *state = strmap_new();
  return *state ? 0 : -1;
}

static int
teardown(void **state)
{
  strmap_free(*state);
  return 0;
}

static void
put_then_get_returns_the_value(void **state)
{
  strmap *m = *state;
  size_t value = 0;
  assert_int_equal(strmap_put(m, "Cough", 7), ILDKG_OK);
  assert_true(strmap_get(m, "Cough", &value));
  assert_int_equal(value, 7);
  assert_int_equal(strmap_size(m), 1);
}

static void
absent_key_is_not_found(void **state)
{
  strmap *m = *state;
  size_t value = 42;
  assert_int_equal(strmap_put(m, "Cough", 1), ILDKG_OK);
  assert_false(strmap_get(m, "cough", &value));
  assert_false(strmap_get(m, "Coug", &value));
  assert_false(strmap_get(m, "", &value));
  assert_int_equal(value, 42); /* untouched */
}

static void
get_without_value_pointer_only_tests_presence(void **state)
{
  strmap *m = *state;
  assert_int_equal(strmap_put(m, "a", 1), ILDKG_OK);
  assert_true(strmap_get(m, "a", NULL));
  assert_false(strmap_get(m, "b", NULL));
}

static void
duplicate_put_is_done_and_keeps_the_first_value(void **state)
{
  strmap *m = *state;
  char same[] = "COP"; /* equal text at another address: keys compare by content */
  size_t value = 0;
  assert_int_equal(strmap_put(m, "COP", 1), ILDKG_OK);
  assert_int_equal(strmap_put(m, same, 2), ILDKG_DONE);
  assert_true(strmap_get(m, "COP", &value));
  assert_int_equal(value, 1);
  assert_int_equal(strmap_size(m), 1);
}

static void
empty_string_is_a_key(void **state)
{
  strmap *m = *state;
  size_t value = 0;
  assert_int_equal(strmap_put(m, "", 5), ILDKG_OK);
  assert_true(strmap_get(m, "", &value));
  assert_int_equal(value, 5);
}

static void
grows_past_many_keys(void **state)
{
  strmap *m = *state;
  static char keys[MANY][16]; /* the map borrows its keys */
  for (size_t i = 0; i < MANY; ++i) {
    snprintf(keys[i], sizeof keys[i], "key-%zu", i);
    assert_int_equal(strmap_put(m, keys[i], i * 3), ILDKG_OK);
  }
  assert_int_equal(strmap_size(m), MANY);
  for (size_t i = 0; i < MANY; ++i) {
    size_t value = 0;
    assert_true(strmap_get(m, keys[i], &value));
    assert_int_equal(value, i * 3);
  }
  assert_false(strmap_get(m, "key-10000", NULL));
  assert_int_equal(strmap_put(m, keys[MANY / 2], 0), ILDKG_DONE);
  assert_int_equal(strmap_size(m), MANY);
}

static void
new_map_is_empty(void **state)
{
  strmap *m = *state;
  assert_int_equal(strmap_size(m), 0);
  assert_false(strmap_get(m, "anything", NULL));
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  strmap_free(NULL);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(put_then_get_returns_the_value, setup, teardown),
    cmocka_unit_test_setup_teardown(absent_key_is_not_found, setup, teardown),
    cmocka_unit_test_setup_teardown(get_without_value_pointer_only_tests_presence, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(duplicate_put_is_done_and_keeps_the_first_value, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(empty_string_is_a_key, setup, teardown),
    cmocka_unit_test_setup_teardown(grows_past_many_keys, setup, teardown),
    cmocka_unit_test_setup_teardown(new_map_is_empty, setup, teardown),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
