/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "xsd.h"

static void
decimal_accepts_integers_and_fractions(void **state)
{
  (void)state;
  const char *const good[] = {"0", "90", "-1.5", "0.25", "007", "-0", "100.000", "123456789.5"};
  for (size_t i = 0; i < sizeof good / sizeof *good; ++i) {
    if (!xsd_is_decimal(good[i])) {
      fail_msg("'%s' refused", good[i]);
    }
  }
}

static void
decimal_rejects_other_forms(void **state)
{
  (void)state;
  const char *const bad[] = {"",   "1.",  ".5",  "+1",  "1e3", "1,5", " 1", "1 ",
                             "-",  "--1", "1.2.3", "-.5", "0x10", "1.5%", "ten"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    if (xsd_is_decimal(bad[i])) {
      fail_msg("'%s' accepted", bad[i]);
    }
  }
}

/* Assert the canonical form of one lexical form, in a roomy buffer. */
static void
check_canonical(const char *lexical, const char *expected)
{
  char buf[64];
  const char *got = xsd_canonical_decimal(buf, sizeof buf, lexical);
  if (!got || strcmp(got, expected) != 0) {
    fail_msg("'%s' -> '%s' (expected '%s')", lexical, got ? got : "(null)", expected);
  }
}

static void
canonical_adds_a_fraction_to_integers(void **state)
{
  (void)state;
  check_canonical("90", "90.0");
  check_canonical("0", "0.0");
  check_canonical("1", "1.0");
  check_canonical("100", "100.0");
}

static void
canonical_drops_leading_zeros(void **state)
{
  (void)state;
  check_canonical("090", "90.0");
  check_canonical("007.100", "7.1");
  check_canonical("-007.100", "-7.1");
  check_canonical("0.5", "0.5");
}

static void
canonical_drops_trailing_zeros(void **state)
{
  (void)state;
  check_canonical("20.50", "20.5");
  check_canonical("-0.50", "-0.5");
  check_canonical("0.000", "0.0");
  check_canonical("10.0", "10.0");
  check_canonical("100.00", "100.0");
  check_canonical("0.05", "0.05");
  check_canonical("-1.5", "-1.5");
}

static void
canonical_zero_has_no_sign(void **state)
{
  (void)state;
  check_canonical("-0", "0.0");
  check_canonical("-0.0", "0.0");
  check_canonical("-0.00", "0.0");
  check_canonical("-00.000", "0.0");
}

static void
canonical_is_null_when_the_buffer_is_too_small(void **state)
{
  (void)state;
  char buf[8];
  assert_null(xsd_canonical_decimal(buf, 4, "90"));     /* "90.0" needs 5 with its NUL */
  assert_string_equal(xsd_canonical_decimal(buf, 5, "90"), "90.0");
  assert_null(xsd_canonical_decimal(buf, 4, "-1.5"));
  assert_null(xsd_canonical_decimal(NULL, 0, "0"));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(decimal_accepts_integers_and_fractions),
    cmocka_unit_test(decimal_rejects_other_forms),
    cmocka_unit_test(canonical_adds_a_fraction_to_integers),
    cmocka_unit_test(canonical_drops_leading_zeros),
    cmocka_unit_test(canonical_drops_trailing_zeros),
    cmocka_unit_test(canonical_zero_has_no_sign),
    cmocka_unit_test(canonical_is_null_when_the_buffer_is_too_small),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
