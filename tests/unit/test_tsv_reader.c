/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "tsv_reader.h"

static const char *const COLUMNS[] = {"a", "b", "c"};
enum { NCOLUMNS = 3 };

typedef struct {
  char *dir;
  char *path; /* DIR/f.tsv */
  ildkg_diag *diag;
  tsv_reader *reader;
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->path = unit_path(fx->dir, "f.tsv")) ||
      !(fx->diag = ildkg_diag_new(16))) {
    return -1;
  }
  return 0;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    tsv_reader_close(fx->reader);
    ildkg_diag_free(fx->diag);
    unit_free_temp_dir(fx->dir);
    free(fx->path);
    free(fx);
  }
  return 0;
}

/* Write @p len bytes to f.tsv and open it; the status of tsv_reader_open. */
static ildkg_status
open_bytes(fixture *fx, const char *data, size_t len)
{
  if (unit_write_bytes(fx->dir, "f.tsv", data, len) != 0) {
    fail_msg("cannot write %s", fx->path);
  }
  return tsv_reader_open(&fx->reader, fx->path, COLUMNS, NCOLUMNS, fx->diag);
}

static ildkg_status
open_text(fixture *fx, const char *text)
{
  return open_bytes(fx, text, strlen(text));
}

/* Assert message @p i is "DIR/f.tsv" followed by @p rest. */
#define assert_message_at(fx, i, rest)                                                     \
  do {                                                                                     \
    char expected_[1024];                                                                  \
    snprintf(expected_, sizeof expected_, "%s%s", (fx)->path, (rest));                     \
    assert_diag_message((fx)->diag, (i), expected_);                                       \
  } while (0)

/* Assert the next row is at @p at_line with fields @p a, @p b, @p c. */
#define assert_row(fx, at_line, a, b, c)                                                      \
  do {                                                                                     \
    tsv_row row_;                                                                          \
    assert_int_equal(tsv_reader_next((fx)->reader, &row_), ILDKG_OK);                      \
    assert_string_equal(row_.loc.file, (fx)->path);                                        \
    assert_int_equal(row_.loc.line, (at_line));                                               \
    assert_null(row_.loc.field);                                                           \
    assert_int_equal(row_.nfields, NCOLUMNS);                                              \
    assert_string_equal(row_.fields[0], (a));                                              \
    assert_string_equal(row_.fields[1], (b));                                              \
    assert_string_equal(row_.fields[2], (c));                                              \
  } while (0)

static void
assert_done(fixture *fx)
{
  tsv_row row;
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_DONE);
}

static void
reads_rows_after_the_header(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\t3\nx\ty\tz\n"), ILDKG_OK);
  assert_non_null(fx->reader);
  assert_row(fx, 2, "1", "2", "3");
  assert_row(fx, 3, "x", "y", "z");
  assert_done(fx);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
}

static void
empty_fields_are_read(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\n\t\t\n1\t\t3\n"), ILDKG_OK);
  assert_row(fx, 2, "", "", "");
  assert_row(fx, 3, "1", "", "3");
  assert_done(fx);
}

static void
done_again_after_the_end(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\n"), ILDKG_OK);
  assert_done(fx);
  assert_done(fx);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
}

static void
header_mismatch_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "# comment\na\tx\tc\n1\t2\t3\n"), ILDKG_ERR_INPUT);
  assert_null(fx->reader);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: field b: header does not match (expected column 2 to be 'b', "
                           "and 3 columns in all)");
}

static void
header_with_extra_column_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\td\n"), ILDKG_ERR_INPUT);
  assert_null(fx->reader);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  /* Only where and that: the text blames column 1, which matches (see the report). */
  const char *m = ildkg_diag_message(fx->diag, 0);
  assert_non_null(m);
  assert_memory_equal(m, fx->path, strlen(fx->path));
  assert_non_null(strstr(m + strlen(fx->path), ":1: "));
  assert_non_null(strstr(m, "header does not match"));
  assert_non_null(strstr(m, "3 columns in all"));
}

static void
missing_header_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "# only a comment\n\n"), ILDKG_ERR_INPUT);
  assert_null(fx->reader);
  assert_message_at(fx, 0, ": no header row (expected columns a ... c)");
}

static void
missing_file_is_noinput(void **state)
{
  fixture *fx = *state;
  char *path = unit_path(fx->dir, "absent.tsv");
  char expected[1024];
  snprintf(expected, sizeof expected, "%s: cannot open: %s", path, strerror(ENOENT));
  tsv_reader *r = (tsv_reader *)&r; /* must be reset to NULL */
  const ildkg_status st = tsv_reader_open(&r, path, COLUMNS, NCOLUMNS, fx->diag);
  free(path);
  assert_int_equal(st, ILDKG_ERR_NOINPUT);
  assert_null(r);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_diag_message(fx->diag, 0, expected);
}

static void
comments_and_blank_lines_are_skipped_with_line_numbers(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "# c1\n\na\tb\tc\n# c2\n1\t2\t3\n\n\n#\tx\ty\n4\t5\t6\n"),
                   ILDKG_OK);
  assert_row(fx, 5, "1", "2", "3");
  assert_row(fx, 9, "4", "5", "6");
  assert_done(fx);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
}

static void
too_few_fields_are_reported_and_reading_goes_on(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\n4\t5\t6\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: 2 tab-separated fields (expected 3: a ... c)");
  assert_row(fx, 3, "4", "5", "6");
  assert_done(fx);
}

static void
too_many_fields_are_reported(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\t3\t4\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_message_at(fx, 0, ":2: 4 tab-separated fields (expected 3: a ... c)");
  assert_done(fx);
}

static void
invalid_utf8_is_reported(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t\xC3\x28\t3\n4\t5\t6\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: invalid UTF-8 at byte 3 (expected UTF-8 text)");
  assert_row(fx, 3, "4", "5", "6");
}

static void
invalid_utf8_in_the_header_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\t\xFF\tc\n"), ILDKG_ERR_INPUT);
  assert_null(fx->reader);
  assert_message_at(fx, 0, ":1: invalid UTF-8 at byte 3 (expected UTF-8 text)");
}

static void
nul_byte_is_reported(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  static const char data[] = "a\tb\tc\n1\t2\0x\t3\n";
  assert_int_equal(open_bytes(fx, data, sizeof data - 1), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: control character U+0000 at byte 4 (expected text)");
}

static void
cr_line_ending_is_reported(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\t3\r\n4\t5\t6\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: line ends with CR (expected LF line endings)");
  assert_row(fx, 3, "4", "5", "6");
}

static void
cr_line_ending_in_the_header_is_reported(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\r\n"), ILDKG_ERR_INPUT);
  assert_null(fx->reader);
  assert_message_at(fx, 0, ":1: line ends with CR (expected LF line endings)");
}

static void
leading_space_is_reported_with_the_field(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t 2\t3\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: field b: leading or trailing white space in ' 2' (expected none)");
}

static void
trailing_space_is_reported_with_the_field(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\t3 \n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
  assert_message_at(fx, 0, ":2: field c: leading or trailing white space in '3 ' (expected none)");
}

static void
every_spaced_field_of_a_line_is_reported(void **state)
{
  fixture *fx = *state;
  tsv_row row;
  assert_int_equal(open_text(fx, "a\tb\tc\n 1\t2\t3 \n4\t5\t6\n"), ILDKG_OK);
  assert_int_equal(tsv_reader_next(fx->reader, &row), ILDKG_ERR_INPUT);
  assert_int_equal(ildkg_diag_count(fx->diag), 2);
  assert_message_at(fx, 0, ":2: field a: leading or trailing white space in ' 1' (expected none)");
  assert_message_at(fx, 1, ":2: field c: leading or trailing white space in '3 ' (expected none)");
  assert_row(fx, 3, "4", "5", "6");
}

static void
inner_spaces_are_fine(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\none two\tx | y\t3\n"), ILDKG_OK);
  assert_row(fx, 2, "one two", "x | y", "3");
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
}

static void
last_line_without_newline_is_read(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\n1\t2\t3\n4\t5\t6"), ILDKG_OK);
  assert_row(fx, 2, "1", "2", "3");
  assert_row(fx, 3, "4", "5", "6");
  assert_done(fx);
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
}

static void
utf8_fields_are_read(void **state)
{
  fixture *fx = *state;
  assert_int_equal(open_text(fx, "a\tb\tc\nSj\xC3\xB6gren\t\xE2\x89\xA5 50\t\xF0\x9F\x98\x80\n"),
                   ILDKG_OK);
  assert_row(fx, 2, "Sj\xC3\xB6gren", "\xE2\x89\xA5 50", "\xF0\x9F\x98\x80");
}

static void
close_null_is_fine(void **state)
{
  (void)state;
  tsv_reader_close(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(reads_rows_after_the_header),
    TEST(empty_fields_are_read),
    TEST(done_again_after_the_end),
    TEST(header_mismatch_is_reported),
    TEST(header_with_extra_column_is_reported),
    TEST(missing_header_is_reported),
    TEST(missing_file_is_noinput),
    TEST(comments_and_blank_lines_are_skipped_with_line_numbers),
    TEST(too_few_fields_are_reported_and_reading_goes_on),
    TEST(too_many_fields_are_reported),
    TEST(invalid_utf8_is_reported),
    TEST(invalid_utf8_in_the_header_is_reported),
    TEST(nul_byte_is_reported),
    TEST(cr_line_ending_is_reported),
    TEST(cr_line_ending_in_the_header_is_reported),
    TEST(leading_space_is_reported_with_the_field),
    TEST(trailing_space_is_reported_with_the_field),
    TEST(every_spaced_field_of_a_line_is_reported),
    TEST(inner_spaces_are_fine),
    TEST(last_line_without_newline_is_read),
    TEST(utf8_fields_are_read),
    cmocka_unit_test(close_null_is_fine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
