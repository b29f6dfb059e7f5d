/* SPDX-License-Identifier: MIT */
/**
 * @file words.h  Byte tests eight bytes at a time, for scans of long text that mostly
 * finds nothing (the JSON-LD writer's escapes, the sort's verbatim terms). Each test is
 * exact for "is there any such byte" (Bit Twiddling Hacks, "Determine if a word has a
 * zero byte" and "... a byte less than n"), not for which.
 */
#ifndef ILDKG_WORDS_H
#define ILDKG_WORDS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define WORD_ONES UINT64_C(0x0101010101010101)
#define WORD_HIGHS UINT64_C(0x8080808080808080)

/** The 8 bytes at @p p, in any alignment. */
static inline uint64_t
word_load(const void *p)
{
  uint64_t w;
  memcpy(&w, p, sizeof w);
  return w;
}

/** Whether a byte of @p w is below @p n (at most 0x80). */
static inline bool
word_has_byte_below(uint64_t w, unsigned char n)
{
  return ((w - WORD_ONES * n) & ~w & WORD_HIGHS) != 0;
}

/** Whether a byte of @p w is @p c. */
static inline bool
word_has_byte(uint64_t w, unsigned char c)
{
  return word_has_byte_below(w ^ (WORD_ONES * c), 1);
}

/** Whether a byte of @p w is past ASCII. */
static inline bool
word_has_high_byte(uint64_t w)
{
  return (w & WORD_HIGHS) != 0;
}

#endif
