/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "ptrmap.h"

#include <stdint.h>
#include <stdlib.h>

/* Its own table rather than a strmap comparing addresses: the sort keys of a million
   statements look up some eight million keys, and the string map's branch on how to
   compare, and its call frame, were most of each lookup. */
typedef struct {
  const void *key;
  size_t value;
} entry;

struct ptrmap {
  entry *slots;
  size_t mask;   /* capacity - 1, the capacity a power of two */
  unsigned bits; /* log2 of the capacity */
  size_t size;
};

enum { FIRST_BITS = 4 };

/* Fibonacci hashing: the product's top bits mix all of the address (allocations are
   aligned, so its low bits say nothing). */
static size_t
home(const void *key, unsigned bits)
{
  return (size_t)(((uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

ptrmap *
ptrmap_new(void)
{
  ptrmap *m = calloc(1, sizeof *m);
  if (m && !(m->slots = calloc((size_t)1 << FIRST_BITS, sizeof *m->slots))) {
    free(m);
    return NULL;
  }
  if (m) {
    m->bits = FIRST_BITS;
    m->mask = ((size_t)1 << FIRST_BITS) - 1;
  }
  return m;
}

void
ptrmap_free(ptrmap *m)
{
  if (m) {
    free(m->slots);
    free(m);
  }
}

/* The slot of @p key in @p slots, or the empty one where it would go. */
static entry *
find(entry *slots, size_t mask, unsigned bits, const void *key)
{
  size_t i = home(key, bits);
  while (slots[i].key && slots[i].key != key) {
    i = (i + 1) & mask;
  }
  return &slots[i];
}

static ildkg_status
grow(ptrmap *m)
{
  const unsigned bits = m->bits + 1;
  const size_t mask = ((size_t)1 << bits) - 1;
  if (bits >= 8 * sizeof(size_t) - 1) {
    return ILDKG_ERR_NOMEM;
  }
  entry *slots = calloc(mask + 1, sizeof *slots);
  if (!slots) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i <= m->mask; ++i) {
    if (m->slots[i].key) {
      *find(slots, mask, bits, m->slots[i].key) = m->slots[i];
    }
  }
  free(m->slots);
  *m = (ptrmap){slots, mask, bits, m->size};
  return ILDKG_OK;
}

ildkg_status
ptrmap_put(ptrmap *m, const void *key, size_t value)
{
  if ((m->size + 1) * 2 > m->mask + 1) { /* at most half full: probes stay short */
    const ildkg_status st = grow(m);
    if (st != ILDKG_OK) {
      return st;
    }
  }
  entry *e = find(m->slots, m->mask, m->bits, key);
  if (e->key) {
    return ILDKG_DONE;
  }
  *e = (entry){key, value};
  ++m->size;
  return ILDKG_OK;
}

bool
ptrmap_get(const ptrmap *m, const void *key, size_t *value)
{
  if (!key) {
    return false; /* an empty slot's key */
  }
  for (size_t i = home(key, m->bits);; i = (i + 1) & m->mask) {
    const entry *e = &m->slots[i];
    if (e->key == key) {
      if (value) {
        *value = e->value;
      }
      return true;
    }
    if (!e->key) {
      return false;
    }
  }
}

size_t
ptrmap_size(const ptrmap *m)
{
  return m->size;
}
