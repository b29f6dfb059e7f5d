/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "utf8.h"

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
