/* SPDX-License-Identifier: MIT */
/**
 * @file grow.h  Room in a growing array: the doubling every typed array of the project
 * wrote out again (realloc, check, keep the old array on failure, store both).
 */
#ifndef ILDKG_GROW_H
#define ILDKG_GROW_H

#include <stdint.h>
#include <stdlib.h>

/**
 * The array @p items (of *capacity items of @p size bytes) with room for @p need items:
 * itself when it has it, else moved by realloc to twice its capacity (@p first at the
 * least, and @p need at the least), *capacity updated. NULL when out of memory (or the
 * size would overflow): then @p items and *capacity are as they were, still the caller's.
 */
static inline void *
grow_array(void *items, size_t *capacity, size_t need, size_t size, size_t first)
{
  if (need <= *capacity) {
    return items;
  }
  size_t grown = *capacity ? 2 * *capacity : first;
  grown = grown < need ? need : grown;
  if (grown < *capacity || grown > SIZE_MAX / size) {
    return NULL;
  }
  void *moved = realloc(items, grown * size);
  if (moved) {
    *capacity = grown;
  }
  return moved;
}

#endif
