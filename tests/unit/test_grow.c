/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "grow.h"

static void
room_already_there_keeps_the_array(void **state)
{
  (void)state;
  size_t capacity = 8;
  int *items = malloc(capacity * sizeof *items);
  assert_non_null(items);
  assert_ptr_equal(grow_array(items, &capacity, 8, sizeof *items, 4), items);
  assert_int_equal(capacity, 8);
  free(items);
}

static void
growth_doubles_from_first(void **state)
{
  (void)state;
  size_t capacity = 0;
  int *items = grow_array(NULL, &capacity, 1, sizeof *items, 4);
  assert_non_null(items);
  assert_int_equal(capacity, 4);
  for (int i = 0; i < 4; ++i) {
    items[i] = i;
  }
  items = grow_array(items, &capacity, 5, sizeof *items, 4);
  assert_non_null(items);
  assert_int_equal(capacity, 8);
  assert_int_equal(items[3], 3); /* what was there moves with it */
  items = grow_array(items, &capacity, 100, sizeof *items, 4);
  assert_non_null(items);
  assert_int_equal(capacity, 100); /* more than twice: as much as needed */
  free(items);
}

/* A size that would overflow is refused, and the array stays the caller's, unchanged. */
static void
overflow_is_refused_and_keeps_the_array(void **state)
{
  (void)state;
  size_t capacity = 2;
  char *items = malloc(capacity);
  assert_non_null(items);
  items[0] = 'x';
  assert_null(grow_array(items, &capacity, SIZE_MAX / 2, 4, 1));
  assert_int_equal(capacity, 2);
  assert_int_equal(items[0], 'x');
  free(items);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(room_already_there_keeps_the_array),
    cmocka_unit_test(growth_doubles_from_first),
    cmocka_unit_test(overflow_is_refused_and_keeps_the_array),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
