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
};

static uint64_t
hash_key(const char *s)
{
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; ++s) {
    h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  }
  return h;
}

strmap *
strmap_new(void)
{
  strmap *m = calloc(1, sizeof *m);
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
strmap_free(strmap *m)
{
  if (m) {
    free(m->slots);
    free(m);
  }
}

static slot *
find_slot(slot *slots, size_t capacity, const char *key)
{
  size_t i = (size_t)hash_key(key) & (capacity - 1);
  while (slots[i].key && strcmp(slots[i].key, key) != 0) {
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
      *find_slot(slots, capacity, m->slots[i].key) = m->slots[i];
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
  slot *s = find_slot(m->slots, m->capacity, key);
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
  const slot *s = find_slot(m->slots, m->capacity, key);
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
