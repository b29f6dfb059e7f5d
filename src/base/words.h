/* SPDX-License-Identifier: MIT */
/**
 * @file words.h  Byte tests eight bytes at a time, for scans of long text that mostly
 * finds nothing (the JSON-LD writer's escapes, the sort's verbatim terms). Each test is
 * exact for "is there any such byte" (Bit Twiddling Hacks, "Determine if a word has a
 * zero byte" and "... a byte less than n"), not for which.
 */
#ifndef ILDKG_WORDS_H
#define ILDKG_WORDS_H

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

/** Nonzero when a byte of @p w is below @p n (at most 0x80): its high bit, and maybe others
    above it. Masks of several tests OR together into one test. */
static inline uint64_t
word_below(uint64_t w, unsigned char n)
{
  return (w - WORD_ONES * n) & ~w & WORD_HIGHS;
}

/** Nonzero when a byte of @p w is @p c (as word_below). */
static inline uint64_t
word_equal(uint64_t w, unsigned char c)
{
  return word_below(w ^ (WORD_ONES * c), 1);
}

/** Nonzero when a byte of @p w is past ASCII (as word_below). */
static inline uint64_t
word_high(uint64_t w)
{
  return w & WORD_HIGHS;
}

#endif
