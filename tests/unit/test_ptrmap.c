/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "ptrmap.h"

enum { MANY = 100000 };

static int
setup(void **state)
{
  *state = ptrmap_new();
  return *state ? 0 : -1;
}

static int
teardown(void **state)
{
  ptrmap_free(*state);
  return 0;
}

static void
put_then_get_returns_the_value(void **state)
{
  ptrmap *m = *state;
  static int cough;
  size_t value = 0;
  assert_int_equal(ptrmap_put(m, &cough, 7), ILDKG_OK);
  assert_true(ptrmap_get(m, &cough, &value));
  assert_int_equal(value, 7);
  assert_int_equal(ptrmap_size(m), 1);
}

static void
keys_compare_by_address_not_content(void **state)
{
  ptrmap *m = *state;
  static char a[] = "COP", b[] = "COP";
  size_t value = 42;
  assert_int_equal(ptrmap_put(m, a, 1), ILDKG_OK);
  assert_false(ptrmap_get(m, b, &value));
  assert_int_equal(value, 42); /* untouched */
  assert_int_equal(ptrmap_put(m, b, 2), ILDKG_OK);
  assert_true(ptrmap_get(m, b, &value));
  assert_int_equal(value, 2);
}

static void
duplicate_put_is_done_and_keeps_the_first_value(void **state)
{
  ptrmap *m = *state;
  static int key;
  size_t value = 0;
  assert_int_equal(ptrmap_put(m, &key, 1), ILDKG_OK);
  assert_int_equal(ptrmap_put(m, &key, 2), ILDKG_DONE);
  assert_true(ptrmap_get(m, &key, &value));
  assert_int_equal(value, 1);
  assert_int_equal(ptrmap_size(m), 1);
}

/* Neighbouring addresses, as a heap gives them: every one found after many growths. */
static void
grows_past_many_keys(void **state)
{
  ptrmap *m = *state;
  static char keys[MANY];
  for (size_t i = 0; i < MANY; ++i) {
    assert_int_equal(ptrmap_put(m, &keys[i], i * 3), ILDKG_OK);
  }
  assert_int_equal(ptrmap_size(m), MANY);
  for (size_t i = 0; i < MANY; ++i) {
    size_t value = 0;
    assert_true(ptrmap_get(m, &keys[i], &value));
    assert_int_equal(value, i * 3);
  }
  assert_false(ptrmap_get(m, &keys[MANY - 1] + 1, NULL));
  assert_int_equal(ptrmap_put(m, &keys[MANY / 2], 0), ILDKG_DONE);
}

static void
new_map_is_empty(void **state)
{
  ptrmap *m = *state;
  static int anything;
  assert_int_equal(ptrmap_size(m), 0);
  assert_false(ptrmap_get(m, &anything, NULL));
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  ptrmap_free(NULL);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(put_then_get_returns_the_value, setup, teardown),
    cmocka_unit_test_setup_teardown(keys_compare_by_address_not_content, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicate_put_is_done_and_keeps_the_first_value, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(grows_past_many_keys, setup, teardown),
    cmocka_unit_test_setup_teardown(new_map_is_empty, setup, teardown),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
