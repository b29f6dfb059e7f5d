/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "utf8.h"

#include <string.h>

/* Length of the valid sequence at s (0 if invalid), per RFC 3629 table 3-7. */
static size_t
sequence_length(const unsigned char *s, size_t avail)
{
  const unsigned char c = s[0];
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) {
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (avail < n || s[1] < lo || s[1] > hi) {
    return 0;
  }
  for (size_t i = 2; i < n; ++i) {
    if (s[i] < 0x80 || s[i] > 0xBF) {
      return 0;
    }
  }
  return n;
}

size_t
utf8_invalid_offset(const unsigned char *s, size_t len)
{
  size_t i = 0;
  while (i < len) {
    const size_t n = sequence_length(s + i, len - i);
    if (!n) {
      return i;
    }
    i += n;
  }
  return len;
}

unsigned long
utf8_code_point(const unsigned char *s, size_t *len)
{
  *len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
  unsigned long c = *len == 1 ? s[0] : s[0] & (0x3F >> (*len - 1));
  for (size_t i = 1; i < *len; ++i) {
    c = (c << 6) | (s[i] & 0x3F);
  }
  return c;
}

static int
is_noncharacter(unsigned long c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* Offset of the first character of s for which refused(c) holds, or of invalid UTF-8. */
static size_t
first_refused(const unsigned char *s, size_t len, unsigned long *cp, int (*refused)(unsigned long))
{
  const size_t valid = utf8_invalid_offset(s, len);
  *cp = 0;
  for (size_t i = 0, n = 1; i < valid; i += n) {
    const unsigned long c = utf8_code_point(s + i, &n);
    if (refused(c)) {
      *cp = c;
      return i;
    }
  }
  return valid;
}

static int
text_refuses(unsigned long c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || is_noncharacter(c);
}

size_t
utf8_text_unsafe_offset(const unsigned char *s, size_t len, unsigned long *cp)
{
  return first_refused(s, len, cp, text_refuses);
}

/* RFC 3987: beyond ASCII an IRI holds ucschar only. */
static int
iri_refuses(unsigned long c)
{
  if (c < 0x80) {
    return c <= ' ' || c == 0x7F || strchr("<>\"{}|\\^`", (int)c) != NULL;
  }
  const int ucschar = (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
                      (c >= 0xFDF0 && c <= 0xFFEF) || (c >= 0x10000 && c <= 0xEFFFD);
  return !ucschar || is_noncharacter(c);
}

size_t
utf8_iri_unsafe_offset(const unsigned char *s, size_t len, unsigned long *cp)
{
  return first_refused(s, len, cp, iri_refuses);
}
