/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "ptrmap.h"

#include <stdint.h>
#include <stdlib.h>

typedef struct {
  const void *key; /* NULL: a free slot */
  size_t value;
} slot;

struct ptrmap {
  slot *slots;
  size_t capacity; /* a power of two */
  size_t size;
};

/* Allocations are aligned, so the low bits say nothing: Fibonacci hashing spreads the rest. */
static size_t
home_of(const void *key, size_t capacity)
{
  const uint64_t h = (uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h >> 32) & (capacity - 1);
}

static slot *
find_slot(slot *slots, size_t capacity, const void *key)
{
  size_t i = home_of(key, capacity);
  while (slots[i].key && slots[i].key != key) {
    i = (i + 1) & (capacity - 1);
  }
  return &slots[i];
}

ptrmap *
ptrmap_new(void)
{
  ptrmap *m = calloc(1, sizeof *m);
  if (m && !(m->slots = calloc(16, sizeof *m->slots))) {
    free(m);
    return NULL;
  }
  if (m) {
    m->capacity = 16;
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

static ildkg_status
grow(ptrmap *m)
{
  const size_t capacity = m->capacity * 2;
  slot *slots = calloc(capacity, sizeof *slots);
  if (!slots) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->capacity; ++i) {
    if (m->slots[i].key) {
      *find_slot(slots, capacity, m->slots[i].key) = m->slots[i];
    }
  }
  free(m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return ILDKG_OK;
}

ildkg_status
ptrmap_put(ptrmap *m, const void *key, size_t value)
{
  if ((m->size + 1) * 2 > m->capacity) {
    const ildkg_status st = grow(m);
    if (st) {
      return st;
    }
  }
  slot *s = find_slot(m->slots, m->capacity, key);
  if (s->key) {
    return ILDKG_DONE;
  }
  *s = (slot){key, value};
  ++m->size;
  return ILDKG_OK;
}

bool
ptrmap_get(const ptrmap *m, const void *key, size_t *value)
{
  const slot *s = find_slot(m->slots, m->capacity, key);
  if (s->key && value) {
    *value = s->value;
  }
  return s->key != NULL;
}

size_t
ptrmap_size(const ptrmap *m)
{
  return m->size;
}
