/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *key;
  size_t value;
} slot;

struct strmap {
  slot *slots;
  size_t capacity; /* a power of two */
  size_t size;
  bool by_address; /* keys compare by address (ptrmap.h), never read */
};

static uint64_t
hash_key(bool by_address, const char *s)
{
  if (by_address) {
    /* allocations are aligned, so the low bits say nothing: Fibonacci hashing spreads the rest */
    return ((uint64_t)(uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15)) >> 32;
  }
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; ++s) {
    h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  }
  return h;
}

static strmap *
new_map(bool by_address)
{
  strmap *m = calloc(1, sizeof *m);
  if (m && !(m->slots = calloc(16, sizeof *m->slots))) {
    free(m);
    return NULL;
  }
  if (m) {
    m->capacity = 16;
    m->by_address = by_address;
  }
  return m;
}

strmap *
strmap_new(void)
{
  return new_map(false);
}

strmap *
strmap_new_by_address(void)
{
  return new_map(true);
}

void
strmap_free(strmap *m)
{
  if (m) {
    free(m->slots);
    free(m);
  }
}

static slot *
find_slot(slot *slots, size_t capacity, bool by_address, const char *key)
{
  size_t i = (size_t)hash_key(by_address, key) & (capacity - 1);
  while (slots[i].key && (by_address ? slots[i].key != key : strcmp(slots[i].key, key) != 0)) {
    i = (i + 1) & (capacity - 1);
  }
  return &slots[i];
}

static ildkg_status
grow(strmap *m)
{
  const size_t capacity = m->capacity * 2;
  slot *slots = calloc(capacity, sizeof *slots);
  if (!slots) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->capacity; ++i) {
    if (m->slots[i].key) {
      *find_slot(slots, capacity, m->by_address, m->slots[i].key) = m->slots[i];
    }
  }
  free(m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return ILDKG_OK;
}

ildkg_status
strmap_put(strmap *m, const char *key, size_t value)
{
  if ((m->size + 1) * 2 > m->capacity) {
    const ildkg_status st = grow(m);
    if (st) {
      return st;
    }
  }
  slot *s = find_slot(m->slots, m->capacity, m->by_address, key);
  if (s->key) {
    return ILDKG_DONE;
  }
  s->key = key;
  s->value = value;
  ++m->size;
  return ILDKG_OK;
}

bool
strmap_get(const strmap *m, const char *key, size_t *value)
{
  const slot *s = find_slot(m->slots, m->capacity, m->by_address, key);
  if (s->key && value) {
    *value = s->value;
  }
  return s->key != NULL;
}

size_t
strmap_size(const strmap *m)
{
  return m->size;
}
