/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "xsd.h"

#include <stdio.h>
#include <string.h>

int
xsd_is_decimal(const char *s)
{
  s += *s == '-';
  const char *start = s;
  while (*s >= '0' && *s <= '9') {
    ++s;
  }
  if (s == start) {
    return 0;
  }
  if (*s == '.') {
    const char *frac = ++s;
    while (*s >= '0' && *s <= '9') {
      ++s;
    }
    if (s == frac) {
      return 0;
    }
  }
  return *s == '\0';
}

/*
 * The XSD canonical form of a validated decimal: no leading zeros, at least one
 * digit after the point, no trailing zeros ("090" -> "90.0", "-0.50" -> "-0.5").
 * Needed beyond tidiness: raptor's Turtle writer abbreviates "90"^^xsd:decimal to
 * a bare 90, which Turtle reads back as an xsd:integer; "90.0" stays a decimal.
 */
const char *
xsd_canonical_decimal(char *buf, size_t size, const char *lexical)
{
  const int negative = lexical[0] == '-';
  const char *digits = lexical + negative;
  while (digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9') {
    ++digits;
  }
  const char *point = strchr(digits, '.');
  const size_t whole = point ? (size_t)(point - digits) : strlen(digits);
  size_t fraction = point ? strlen(point + 1) : 0;
  while (fraction > 1 && point[fraction] == '0') {
    --fraction;
  }
  const int zero = whole == 1 && digits[0] == '0' && (!point || !point[1 + strspn(point + 1, "0")]);
  const int n = snprintf(buf, size, "%s%.*s.%.*s", negative && !zero ? "-" : "", (int)whole,
                         digits, (int)(fraction ? fraction : 1), point ? point + 1 : "0");
  return n > 0 && (size_t)n < size ? buf : NULL;
}
