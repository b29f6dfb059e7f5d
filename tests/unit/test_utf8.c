/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "utf8.h"

/* Offset of the first invalid byte of a string literal (which may hold NULs: give its size). */
#define BAD_AT(lit) utf8_invalid_offset((const unsigned char *)(lit), sizeof(lit) - 1)

static void
empty_input_is_valid(void **state)
{
  (void)state;
  assert_int_equal(utf8_invalid_offset((const unsigned char *)"", 0), 0);
}

static void
ascii_is_valid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("cough\tdyspnea ~"), 15);
  assert_int_equal(BAD_AT("\x7F"), 1);
}

static void
nul_byte_is_valid_utf8(void **state)
{
  (void)state; /* the TSV reader refuses NUL itself; the encoding allows it */
  assert_int_equal(BAD_AT("a\0b"), 3);
}

static void
two_byte_sequences_are_valid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("caf\xC3\xA9"), 5);       /* U+00E9 */
  assert_int_equal(BAD_AT("\xC2\x80\xDF\xBF"), 4);  /* U+0080, U+07FF */
}

static void
three_byte_sequences_are_valid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xE2\x82\xAC"), 3);      /* U+20AC euro */
  assert_int_equal(BAD_AT("\xE0\xA0\x80"), 3);      /* U+0800, smallest */
  assert_int_equal(BAD_AT("\xED\x9F\xBF"), 3);      /* U+D7FF, below the surrogates */
  assert_int_equal(BAD_AT("\xEE\x80\x80"), 3);      /* U+E000, above them */
  assert_int_equal(BAD_AT("\xEF\xBF\xBF"), 3);      /* U+FFFF */
}

static void
four_byte_sequences_are_valid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xF0\x9F\x98\x80"), 4);  /* U+1F600 emoji */
  assert_int_equal(BAD_AT("\xF0\x90\x80\x80"), 4);  /* U+10000, smallest */
  assert_int_equal(BAD_AT("\xF4\x8F\xBF\xBF"), 4);  /* U+10FFFF, largest */
}

static void
overlong_two_byte_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xC0\x80"), 0);
  assert_int_equal(BAD_AT("ab\xC1\xBF"), 2);
}

static void
overlong_three_byte_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xE0\x80\x80"), 0);
  assert_int_equal(BAD_AT("x\xE0\x9F\xBF"), 1);
}

static void
overlong_four_byte_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xF0\x80\x80\x80"), 0);
  assert_int_equal(BAD_AT("\xF0\x8F\xBF\xBF"), 0);
}

static void
surrogate_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xED\xA0\x80"), 0);      /* U+D800 */
  assert_int_equal(BAD_AT("ok \xED\xBF\xBF"), 3);   /* U+DFFF */
}

static void
above_u10ffff_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xF4\x90\x80\x80"), 0);  /* U+110000 */
  assert_int_equal(BAD_AT("a\xF5\x80\x80\x80"), 1);
  assert_int_equal(BAD_AT("ab\xFF"), 2);
  assert_int_equal(BAD_AT("\xFE"), 0);
}

static void
truncated_sequence_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("a\xC3"), 1);             /* at the end of the input */
  assert_int_equal(BAD_AT("ab\xE2\x82"), 2);
  assert_int_equal(BAD_AT("\xF0\x9F\x98"), 0);
  assert_int_equal(BAD_AT("\xE2\x82" "A"), 0);      /* cut short by ASCII */
  assert_int_equal(BAD_AT("\xF0\x9F\x98" "A"), 0);
}

static void
length_limits_the_check(void **state)
{
  (void)state;
  /* A valid sequence cut by len is truncated, whatever follows in memory. */
  assert_int_equal(utf8_invalid_offset((const unsigned char *)"a\xE2\x82\xAC", 3), 1);
}

static void
stray_continuation_byte_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\x80"), 0);
  assert_int_equal(BAD_AT("a\x80" "b"), 1);
  assert_int_equal(BAD_AT("\xC3\xA9\xA9"), 2);      /* one continuation too many */
  assert_int_equal(BAD_AT("\xE2\x82\xAC\xBF"), 3);
}

static void
first_bad_byte_wins(void **state)
{
  (void)state;
  assert_int_equal(BAD_AT("\xC3\xA9 \xC0\x80 \xED\xA0\x80"), 3);
}

static size_t
text_unsafe(const char *s, unsigned long *cp)
{
  return utf8_text_unsafe_offset((const unsigned char *)s, strlen(s), cp);
}

static size_t
iri_unsafe(const char *s, unsigned long *cp)
{
  return utf8_iri_unsafe_offset((const unsigned char *)s, strlen(s), cp);
}

static void
text_refuses_what_an_export_cannot_hold(void **state)
{
  (void)state;
  unsigned long cp = 1;
  assert_int_equal(text_unsafe("caf\xC3\xA9\ttab\nline\r", &cp), 15);
  assert_int_equal(cp, 0);
  assert_int_equal(text_unsafe("a\x01", &cp), 1);
  assert_int_equal(cp, 0x01);
  assert_int_equal(text_unsafe("ab\x7F", &cp), 2);
  assert_int_equal(cp, 0x7F);
  assert_int_equal(text_unsafe("\xC3\xA9\xEF\xBF\xBE", &cp), 2); /* U+FFFE */
  assert_int_equal(cp, 0xFFFE);
  assert_int_equal(text_unsafe("\xEF\xB7\x90", &cp), 0); /* U+FDD0 */
  assert_int_equal(cp, 0xFDD0);
  assert_int_equal(text_unsafe("x\xF0\x9F\xBF\xBF", &cp), 1); /* U+1FFFF */
  assert_int_equal(cp, 0x1FFFF);
  assert_int_equal(text_unsafe("x\xF0\x9F\x98\x80\xC2\x85", &cp), 7); /* emoji, C1 NEL */
  assert_int_equal(text_unsafe("ok\xC0\x80", &cp), 2);                /* invalid UTF-8 */
  assert_int_equal(cp, 0);
}

static void
iri_refuses_what_rfc_3987_does(void **state)
{
  (void)state;
  unsigned long cp = 1;
  assert_int_equal(iri_unsafe("https://x.org/caf\xC3\xA9#a?b=c", &cp), 25);
  assert_int_equal(iri_unsafe("https://x.org/a b", &cp), 15);
  assert_int_equal(cp, ' ');
  for (const char *p = "<>\"{}|\\^`"; *p; ++p) {
    char iri[32];
    snprintf(iri, sizeof iri, "http://x/%c", *p);
    assert_int_equal(iri_unsafe(iri, &cp), 9);
    assert_int_equal(cp, (unsigned long)(unsigned char)*p);
  }
  assert_int_equal(iri_unsafe("http://x/\xC2\x85", &cp), 9); /* C1 control */
  assert_int_equal(cp, 0x85);
  assert_int_equal(iri_unsafe("http://x/\xEF\xBF\xBE", &cp), 9);
  assert_int_equal(iri_unsafe("http://x/\xEE\x80\x80", &cp), 9); /* private use */
  assert_int_equal(iri_unsafe("http://x/\xFF", &cp), 9);
  assert_int_equal(cp, 0);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(empty_input_is_valid),
    cmocka_unit_test(ascii_is_valid),
    cmocka_unit_test(nul_byte_is_valid_utf8),
    cmocka_unit_test(two_byte_sequences_are_valid),
    cmocka_unit_test(three_byte_sequences_are_valid),
    cmocka_unit_test(four_byte_sequences_are_valid),
    cmocka_unit_test(overlong_two_byte_is_invalid),
    cmocka_unit_test(overlong_three_byte_is_invalid),
    cmocka_unit_test(overlong_four_byte_is_invalid),
    cmocka_unit_test(surrogate_is_invalid),
    cmocka_unit_test(above_u10ffff_is_invalid),
    cmocka_unit_test(truncated_sequence_is_invalid),
    cmocka_unit_test(length_limits_the_check),
    cmocka_unit_test(stray_continuation_byte_is_invalid),
    cmocka_unit_test(first_bad_byte_wins),
    cmocka_unit_test(text_refuses_what_an_export_cannot_hold),
    cmocka_unit_test(iri_refuses_what_rfc_3987_does),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
