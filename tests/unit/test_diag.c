/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "diag.h"

enum { KEEP = 3 };

static int
setup(void **state)
{
  *state = ildkg_diag_new(KEEP);
  return *state ? 0 : -1;
}

static int
teardown(void **state)
{
  ildkg_diag_free(*state);
  return 0;
}

static void
error_formats_file_line_field_message(void **state)
{
  ildkg_diag *d = *state;
  assert_int_equal(ildkg_diag_error(d, (ildkg_loc){"facts.tsv", 3, "subject"},
                                    "unknown prefix in '%s'", "exx:c"),
                   ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(d), 1);
  assert_int_equal(ildkg_diag_kept(d), 1);
  assert_diag_message(d, 0, "facts.tsv:3: field subject: unknown prefix in 'exx:c'");
}

static void
control_characters_in_values_are_escaped(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"a\nb.tsv", 2, "id"}, "malformed id '%s'", "x\ry\x0bz\x7f\xc3\xa9");
  assert_diag_message(d, 0, "a\\x0Ab.tsv:2: field id: malformed id 'x\\x0Dy\\x0Bz\\x7F\xc3\xa9'");
}

static void
line_zero_is_omitted(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"facts.tsv", 0, "key"}, "missing key '%s'", "label");
  assert_diag_message(d, 0, "facts.tsv: field key: missing key 'label'");
}

static void
null_field_is_omitted(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"facts.tsv", 12, NULL}, "%d tab-separated fields", 7);
  assert_diag_message(d, 0, "facts.tsv:12: 7 tab-separated fields");
}

static void
line_zero_and_null_field_leave_file_only(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"dir", 0, NULL}, "cannot open");
  assert_diag_message(d, 0, "dir: cannot open");
}

static void
messages_keep_their_order(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"a.tsv", 1, NULL}, "first");
  ildkg_diag_error(d, (ildkg_loc){"b.tsv", 2, NULL}, "second");
  assert_diag_message(d, 0, "a.tsv:1: first");
  assert_diag_message(d, 1, "b.tsv:2: second");
}

static void
long_message_is_kept_whole(void **state)
{
  ildkg_diag *d = *state;
  char text[3000];
  memset(text, 'x', sizeof text - 1);
  text[sizeof text - 1] = '\0';
  ildkg_diag_error(d, (ildkg_loc){"f", 1, NULL}, "%s", text);
  const char *m = ildkg_diag_message(d, 0);
  assert_non_null(m);
  assert_int_equal(strlen(m), strlen("f:1: ") + sizeof text - 1);
  assert_string_equal(m + strlen("f:1: "), text);
}

static void
count_goes_on_past_the_cap(void **state)
{
  ildkg_diag *d = *state;
  for (int i = 1; i <= KEEP + 2; ++i) {
    assert_int_equal(ildkg_diag_error(d, (ildkg_loc){"f", (unsigned long)i, NULL}, "e%d", i),
                     ILDKG_ERR_INPUT);
  }
  assert_int_equal(ildkg_diag_count(d), KEEP + 2);
  assert_int_equal(ildkg_diag_kept(d), KEEP);
  assert_diag_message(d, 0, "f:1: e1");
  assert_diag_message(d, KEEP - 1, "f:3: e3");
  assert_null(ildkg_diag_message(d, KEEP));
}

static void
cap_of_zero_counts_and_keeps_nothing(void **state)
{
  (void)state;
  ildkg_diag *d = ildkg_diag_new(0);
  assert_non_null(d);
  assert_int_equal(ildkg_diag_error(d, (ildkg_loc){"f", 1, NULL}, "e"), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(d), 1);
  assert_int_equal(ildkg_diag_kept(d), 0);
  assert_null(ildkg_diag_message(d, 0));
  ildkg_diag_free(d);
}

static void
new_sink_is_empty(void **state)
{
  ildkg_diag *d = *state;
  assert_int_equal(ildkg_diag_count(d), 0);
  assert_int_equal(ildkg_diag_kept(d), 0);
  assert_null(ildkg_diag_message(d, 0));
}

static void
message_past_the_end_is_null(void **state)
{
  ildkg_diag *d = *state;
  ildkg_diag_error(d, (ildkg_loc){"f", 1, NULL}, "only");
  assert_non_null(ildkg_diag_message(d, 0));
  assert_null(ildkg_diag_message(d, 1));
  assert_null(ildkg_diag_message(d, (size_t)-1));
}

static void
free_null_is_fine(void **state)
{
  (void)state;
  ildkg_diag_free(NULL);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(error_formats_file_line_field_message, setup, teardown),
    cmocka_unit_test_setup_teardown(line_zero_is_omitted, setup, teardown),
    cmocka_unit_test_setup_teardown(control_characters_in_values_are_escaped, setup, teardown),
    cmocka_unit_test_setup_teardown(null_field_is_omitted, setup, teardown),
    cmocka_unit_test_setup_teardown(line_zero_and_null_field_leave_file_only, setup, teardown),
    cmocka_unit_test_setup_teardown(messages_keep_their_order, setup, teardown),
    cmocka_unit_test_setup_teardown(long_message_is_kept_whole, setup, teardown),
    cmocka_unit_test_setup_teardown(count_goes_on_past_the_cap, setup, teardown),
    cmocka_unit_test(cap_of_zero_counts_and_keeps_nothing),
    cmocka_unit_test_setup_teardown(new_sink_is_empty, setup, teardown),
    cmocka_unit_test_setup_teardown(message_past_the_end_is_null, setup, teardown),
    cmocka_unit_test(free_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
